# and / or return an operand and short-circuit; not returns a bool.
def t(label):
    print("  eval", label)
    return label


print(0 or "default", "" or [] or None, 1 and 2, 0 and 1 / 0)
print(t("a") and t(""))
print(t(0) or t("b"))
print(t("") and t("never"))
print(t("x") or t("never"))
print(not 0, not "x", not None, not [])
print(not 1 == 2, (not 1) == 2)
print(1 and 2 or 3, 0 and 2 or 3, None or 0 or "")
