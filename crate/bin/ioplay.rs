//! The `ioplay` command line. `ioplay run FILE.py [--stdin TEXT]` behaves like `python3 FILE.py`: the
//! same stdout, the same traceback on stderr, the same exit status.

use std::process::ExitCode;

use ioplay::py::vm::Vm;
use ioplay::sim::solo::{Solo, Stdin};

const USAGE: &str = "usage: ioplay run FILE.py [--stdin TEXT] [ARGS...]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> ExitCode {
    let mut file = None;
    let mut stdin = None;
    let mut argv = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--stdin" {
            let Some(t) = args.get(i + 1) else {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            };
            stdin = Some(t.clone());
            i += 2;
            continue;
        }
        if file.is_none() {
            file = Some(args[i].clone());
        }
        argv.push(args[i].clone());
        i += 1;
    }
    let Some(file) = file else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let source = match std::fs::read(&file) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            let abs = std::path::absolute(&file)
                .map(|p| p.display().to_string())
                .unwrap_or(file.clone());
            let code = e.raw_os_error().unwrap_or(2);
            let msg = match code {
                2 => "No such file or directory".to_string(),
                13 => "Permission denied".to_string(),
                21 => "Is a directory".to_string(),
                _ => e.to_string(),
            };
            eprintln!("ioplay: can't open file '{abs}': [Errno {code}] {msg}");
            return ExitCode::from(2);
        }
    };
    let mut vm = Vm::new(argv);
    if let Err(e) = vm.load_main(&source, &file) {
        eprintln!("{e}");
        return ExitCode::from(1);
    }
    if std::env::var_os("IOPLAY_DIS").is_some() {
        eprint!("{}", vm.disassemble_main());
    }
    let stdin = match stdin {
        Some(t) => Stdin::Text {
            data: t.into_bytes(),
            pos: 0,
        },
        None => Stdin::Host,
    };
    let mut solo = Solo::new(vm, stdin, true);
    let out = solo.run(1_000_000);
    ExitCode::from(out.status.clamp(0, 255) as u8)
}
