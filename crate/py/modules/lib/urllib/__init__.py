"""urllib: ioplay ships urllib.request (urlopen) and urllib.error."""
