//! `_time`, the clocks under `time` (`lib/std/time.py`, which adds the calendar views): `sleep`
//! (clock_nanosleep on the virtual clock), `time`, `monotonic`, `perf_counter` and their `_ns` forms.

use crate::py::value::{ObjId, Value};
use crate::py::vm::{Action, Args, SysCont, Vm};
use crate::sys::Call;

type R = Result<Action, Value>;

pub fn module(vm: &mut Vm) -> ObjId {
    let m = vm.new_module("_time");
    vm.def_native(m, "time.sleep", sleep);
    vm.def_native(m, "time.time", time);
    vm.def_native(m, "time.monotonic", monotonic);
    vm.def_native(m, "time.perf_counter", monotonic);
    vm.def_native(m, "time.time_ns", time_ns);
    vm.def_native(m, "time.monotonic_ns", monotonic_ns);
    vm.def_native(m, "time.perf_counter_ns", monotonic_ns);
    m
}

fn sleep(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    let Some(secs) = vm.as_f64(v) else {
        return Err(
            vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v)))
        );
    };
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    Ok(super::sysconts::sleep((secs * 1e9).round() as u64))
}

fn clock(monotonic: bool, then: SysCont) -> R {
    Ok(Action::Syscall { call: Call::ClockGettime { monotonic }, then })
}

fn time(_vm: &mut Vm, _a: Args) -> R {
    clock(false, SysCont::Clock)
}

fn monotonic(_vm: &mut Vm, _a: Args) -> R {
    clock(true, SysCont::Clock)
}

fn time_ns(_vm: &mut Vm, _a: Args) -> R {
    clock(false, SysCont::ClockNs)
}

fn monotonic_ns(_vm: &mut Vm, _a: Args) -> R {
    clock(true, SysCont::ClockNs)
}
