"""Socket.IO plumbing: who is on a socket (connection.py), the per-socket rate bucket (ratelimit.py) and the one
wrapper every event goes through (handling.py). The handlers live in each feature's socket.py."""
