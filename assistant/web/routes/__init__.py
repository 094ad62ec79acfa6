"""One module per group of routes; ``create_app`` includes their routers."""
