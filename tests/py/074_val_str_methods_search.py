# str methods: searching and testing.
s = "the quick brown fox jumps over the lazy dog"
print(s.find("the"), s.find("the", 1), s.find("cat"), s.rfind("the"))
print(s.index("quick"), s.rindex("o"), s.count("the"), s.count("o"), s.count(""))
print(s.startswith("the"), s.endswith("dog"), s.startswith(("a", "t")), s.endswith("dog", 0, 10))
try:
    s.index("cat")
except ValueError as e:
    print("ValueError:", e)
print("ab" in s, s.find(""), "aaa".count("aa"))
