# eventlet.Timeout and spawn_after.
import eventlet

try:
    with eventlet.Timeout(0.02):
        eventlet.sleep(1)
except eventlet.Timeout:
    print("timed out")

with eventlet.Timeout(0.02, False):
    eventlet.sleep(1)
print("silent")

late = eventlet.spawn_after(0.02, lambda: "late result")
early = eventlet.spawn(lambda: "early result")
print(early.wait())
print(late.wait())
