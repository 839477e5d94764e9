//! `datetime`'s clocks read the world's virtual CLOCK_REALTIME (which starts at 2026-01-01T00:00:00Z in
//! UTC), not the host's: the one thing `tests/py/424_mod_datetime_*.py` cannot check, since CPython's
//! `now()` differs from run to run.

use std::path::Path;
use std::process::Command;

const PROGRAM: &str = "\
import datetime
import time
print(datetime.datetime.now().year)
start = datetime.datetime.now()
print(repr(start.replace(microsecond=0)), datetime.date.today(), datetime.datetime.utcnow().date())
print(datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds'))
time.sleep(5)
elapsed = datetime.datetime.now() - start
print(datetime.timedelta(seconds=5) <= elapsed < datetime.timedelta(seconds=6))
print(abs(datetime.datetime.fromtimestamp(time.time()) - datetime.datetime.now()) < datetime.timedelta(seconds=1))
";

const EXPECTED: &str = "\
2026
datetime.datetime(2026, 1, 1, 0, 0) 2026-01-01 2026-01-01
2026-01-01T00:00:00+00:00
True
True
";

#[test]
fn now_today_and_utcnow_read_the_virtual_clock_and_sleep_advances_it() {
    let dir = std::env::temp_dir().join(format!("ioplay-datetime-now-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let program = dir.join("now.py");
    std::fs::write(&program, PROGRAM).expect("the program is written");
    let out = Command::new(env!("CARGO_BIN_EXE_ioplay"))
        .arg("run")
        .arg(&program)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("ioplay runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(String::from_utf8_lossy(&out.stdout), EXPECTED);
    assert!(out.status.success());
}
