# An uncaught NameError for a name with nothing close to it.
def main():
    value = 1
    return value + zzqqxx_undefined


main()
