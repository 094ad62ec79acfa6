"""HTTP surface: FastAPI app, routes and the browser page."""
