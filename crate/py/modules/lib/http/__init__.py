"""http: the HTTP client of ioplay (http.client); status codes as CPython's HTTPStatus numbers."""
