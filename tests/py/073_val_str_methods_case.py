# str methods: case and classification.
s = "Hello, World"
print(s.upper(), s.lower(), s.swapcase(), s.title(), "hello world".capitalize())
print("abc".isalpha(), "abc1".isalnum(), "123".isdigit(), "12a".isdigit(), " \t\n".isspace())
print("ABC".isupper(), "abc".islower(), "Title Case".istitle(), "".isalpha())
print("12".isnumeric(), "1.5".isdecimal(), "x_1".isidentifier(), "1x".isidentifier())
print("ß".upper(), "İ".lower() == "i̇", "straße".casefold())
