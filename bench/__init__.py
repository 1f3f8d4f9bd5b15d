"""Benchmarks: projector update time, attendee page weight, broadcast fan-out. Run with `make bench`."""
