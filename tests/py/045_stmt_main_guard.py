# The __name__ == '__main__' guard.
def main():
    print("main runs")
    return 0


print("__name__ is", __name__)
if __name__ == '__main__':
    main()
if __name__ == "other":
    print("never")
