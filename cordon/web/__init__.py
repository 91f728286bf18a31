"""The analyst web app: server-rendered pages over the API's library functions."""
