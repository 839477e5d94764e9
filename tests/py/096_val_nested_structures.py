# Nested data structures and their reprs.
data = {
    "users": [
        {"name": "ann", "tags": ("admin", "dev"), "active": True},
        {"name": "bob", "tags": (), "active": False},
    ],
    "count": 2,
    "ratio": 0.5,
    "nothing": None,
}
print(data)
print(data["users"][0]["tags"][1])
print([u["name"] for u in data["users"] if u["active"]])
data["users"][1]["tags"] += ("new",)
print(data["users"][1])
matrix = [[i * 3 + j for j in range(3)] for i in range(3)]
print(matrix, [list(col) for col in zip(*matrix)])
print(repr([["a"], ("b",), {"c": {"d": []}}]))
