# Chained traceback: "During handling of the above exception, another exception occurred".
data = {}
try:
    value = data["missing"]
except KeyError:
    print("handling the KeyError")
    value = 1 / 0
