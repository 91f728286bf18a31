"""HTTP routers of the API, one module per resource; each only translates HTTP to library calls."""
