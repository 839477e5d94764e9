# An uncaught KeyError shows the key's repr and subscript carets.
config = {"host": "localhost"}
print("host:", config["host"])
port = config["port"]
print("never", port)
