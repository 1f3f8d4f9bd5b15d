"""The domain. Each public function validates, authorises, commits, and only then publishes."""
