# Format specs for strings and padding.
for spec in ["", "10", "<10", ">10", "^10", "*^11", ".3", "10.3", "-<8"]:
    print("[" + format("python", spec) + "]")
print("[{:^5}]".format("é"), "[{:>4}]".format("中文"))
print("[%-6s][%6s][%.2s]" % ("ab", "ab", "abcdef"))
