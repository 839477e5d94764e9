try:
    x = 1 / 0
except ZeroDivisionError:
    pass
except (TypeError, ValueError) as e:
    print(e)
except Exception as e:
    raise
except:
    pass
else:
    ok = True
finally:
    cleanup()
