"""The Socket.IO message queue between processes, coming back promptly after Redis was away.

python-socketio's RedisManager retries a lost subscription with a doubling wait of up to 60 s: after a Redis
restart a process could stay deaf to other processes' broadcasts for a minute (its clients catch up by
revision, but live fan-out would be late). This one retries every second, and says once when it is back.
"""

from __future__ import annotations

import time

import socketio

RETRY_SECONDS = 1.0


class PromptRedisManager(socketio.RedisManager):
    """RedisManager whose listener reconnects every RETRY_SECONDS while Redis is away."""

    name = "redis"

    def _redis_listen_with_retries(self):  # the loop of RedisManager, with a flat wait
        subscribed = False
        failing = False
        while True:
            try:
                if not subscribed:
                    self._redis_connect()
                    self.pubsub.subscribe(self.channel)
                    subscribed = True
                    if failing:
                        self._get_logger().warning("Receiving from redis again")
                        failing = False
                yield from self.pubsub.listen()
            except Exception as exc:  # whatever the client raises while Redis is gone
                if not failing:
                    self._get_logger().error(f"Cannot receive from redis ({exc}); retrying every {RETRY_SECONDS:g} s")
                failing = True
                subscribed = False
                time.sleep(RETRY_SECONDS)


def client_manager(url: str | None):
    """The cross-process client manager for MESSAGE_QUEUE, or None (one process, in memory)."""
    if not url:
        return None
    if url.startswith(("redis://", "rediss://")):
        return PromptRedisManager(url, channel="flask-socketio")
    kind = socketio.KafkaManager if url.startswith("kafka://") else socketio.KombuManager
    return kind(url, channel="flask-socketio")
