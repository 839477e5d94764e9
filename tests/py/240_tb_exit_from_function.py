# SystemExit raised deep in calls; a bool exit code.
def validate(args):
    if not args:
        print("no arguments")
        raise SystemExit(True)


def main():
    validate([])


main()
