# format_map, join with conversions, and str.format with a dict.
info = {"host": "localhost", "port": 8000}
print("{host}:{port}".format_map(info))
print("{host}:{port}".format(**info))
print("; ".join("{}={}".format(k, v) for k, v in info.items()))
template = "%(host)s listening on %(port)d"
print(template % info)
