# A comment on its own line.
x = 1  # a trailing comment

   # an indented comment line does not change indentation
if x:
    # comment inside a block

    print("x is", x)  # after a blank line in a block
# comment before dedent
print("done")  # "quotes" in a comment 'do not' matter
