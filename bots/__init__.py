"""Chat surfaces over the assistant object: the Slack bot (slack-bolt)."""
