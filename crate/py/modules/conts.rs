//! Natives that continue after a Python call or an iterator step: each gets the result and says what
//! to do next, so no native ever waits on the Rust stack.

use crate::py::ast::{BinOp, CmpOp};
use crate::py::value::{IterState, Obj, PyStr, Value};
use crate::py::vm::{Action, Args, Collected, ContKind, ExcKind, Vm};

use crate::py::vm::call::Resume;

type R = Result<Action, Value>;

pub fn resume(vm: &mut Vm, kind: ContKind, r: Resume) -> R {
    // A module's continuation sees everything, errors included.
    if let ContKind::Native { f, data } = kind {
        return (f.0)(vm, r, data);
    }
    // Errors pass through every continuation except those that catch them.
    let r = match (r, &kind) {
        (Resume::Error(e), ContKind::GetItemIter { adaptor }) => {
            if vm.is_exc(e, ExcKind::IndexError) || vm.is_exc(e, ExcKind::StopIteration) {
                *vm.heap.get_mut(*adaptor) = Obj::Iter(IterState::Exhausted);
                return Ok(Action::Exhausted);
            }
            return Err(e);
        }
        (Resume::Error(e), ContKind::Close) => {
            if vm.is_exc(e, ExcKind::GeneratorExit) || vm.is_exc(e, ExcKind::StopIteration) {
                return Ok(Action::Return(Value::None));
            }
            return Err(e);
        }
        (Resume::Error(e), ContKind::HasAttr) => {
            if vm.is_exc(e, ExcKind::AttributeError) {
                return Ok(Action::Return(Value::Bool(false)));
            }
            return Err(e);
        }
        (Resume::Error(e), ContKind::GetAttrDefault { default }) => {
            if vm.is_exc(e, ExcKind::AttributeError) {
                return Ok(Action::Return(*default));
            }
            return Err(e);
        }
        (Resume::Error(e), _) => return Err(e),
        (r, _) => r,
    };
    match kind {
        ContKind::AfterSignalHandler { retry, kind } => match retry {
            Some(call) => Ok(Action::Syscall { call, then: kind }),
            None => super::sysconts::complete(vm, kind, crate::sys::Outcome::Ok(crate::sys::Ret::Int(0))),
        },
        ContKind::Collect { iter, mut acc, finish } => match r {
            Resume::Value(v) => {
                acc.push(v);
                if acc.len() > crate::py::vm::MAX_COLLECT {
                    return Err(vm.memory_error());
                }
                Ok(Action::NextThen { iter, cont: ContKind::Collect { iter, acc, finish } })
            }
            _ => finish_collect(vm, acc, finish),
        },
        ContKind::StartCollect { finish } => match r {
            Resume::Value(iter) => {
                Ok(Action::NextThen { iter, cont: ContKind::Collect { iter, acc: vec![], finish } })
            }
            _ => Ok(Action::Return(Value::None)),
        },
        ContKind::UserFormat(after) => {
            let Resume::Value(s) = r else {
                return Ok(Action::Return(Value::None));
            };
            vm.user_format_done(*after, s)
        }
        ContKind::Stringify { calls, mut done, after } => {
            let Resume::Value(s) = r else {
                return Ok(Action::Return(Value::None));
            };
            let (obj, is_repr) = calls[done.len()];
            match vm.str_of(s) {
                Some(text) => done.push(text.to_string()),
                None => {
                    let which = if is_repr { "__repr__" } else { "__str__" };
                    return Err(
                        vm.type_error(format!("{which} returned non-string (type {})", vm.type_name(s)))
                    );
                }
            }
            let _ = obj;
            if done.len() < calls.len() {
                let (o, rp) = calls[done.len()];
                let func = vm.str_method(o, rp);
                return Ok(Action::CallThen {
                    func,
                    args: Args::one(o),
                    cont: ContKind::Stringify { calls, done, after },
                });
            }
            let saved = std::mem::take(&mut vm.overrides);
            for (i, (o, rp)) in calls.iter().enumerate() {
                if let Value::Obj(id) = o {
                    vm.overrides.push((*id, *rp, done[i].clone()));
                }
            }
            let result = vm.finish_strings(after);
            vm.overrides = saved;
            result
        }
        ContKind::SortKeys { items, mut keys, func, finish } => {
            let Resume::Value(k) = r else {
                return Ok(Action::Return(Value::None));
            };
            keys.push(k);
            if keys.len() < items.len() {
                let next = items[keys.len()];
                return Ok(Action::CallThen {
                    func,
                    args: Args::one(next),
                    cont: ContKind::SortKeys { items, keys, func, finish },
                });
            }
            finish_keyed(vm, items, keys, finish)
        }
        ContKind::Close => match r {
            Resume::Value(_) => Err(vm.exc(ExcKind::RuntimeError, "generator ignored GeneratorExit")),
            _ => Ok(Action::Return(Value::None)),
        },
        ContKind::KeyAnswer { need, memo, redo } => {
            let Resume::Value(answer) = r else {
                return Ok(Action::Return(Value::None));
            };
            vm.key_answer(need, memo, redo, answer)
        }
        ContKind::BuildClass { name, bases, ns, meta_kw } => {
            let Resume::Value(cell) = r else {
                return Ok(Action::Return(Value::None));
            };
            let c = super::builtins::make_class(vm, name, bases, ns, cell)?;
            vm.after_class_made(c, meta_kw)
        }
        ContKind::RaiseResult { cause } => {
            let Resume::Value(e) = r else {
                return Ok(Action::Return(Value::None));
            };
            match vm.raise_value(e, cause) {
                Err(e) => Err(e),
                Ok(()) => Ok(Action::Return(Value::None)),
            }
        }
        ContKind::Not | ContKind::Truth => {
            let Resume::Value(v) = r else {
                return Ok(Action::Return(Value::None));
            };
            let b = vm.truthy(v)?.unwrap_or(true);
            let negate = matches!(kind, ContKind::Not);
            Ok(Action::Return(Value::Bool(b != negate)))
        }
        ContKind::HasAttr => Ok(Action::Return(Value::Bool(true))),
        ContKind::GetAttrDefault { .. } => match r {
            Resume::Value(v) => Ok(Action::Return(v)),
            _ => Ok(Action::Return(Value::None)),
        },
        ContKind::LoadMethodAttr => {
            let Resume::Value(v) = r else {
                return Ok(Action::Return(Value::None));
            };
            vm.push(v);
            Ok(Action::Return(Value::Unbound))
        }
        ContKind::NextDefault { default } => match r {
            Resume::Value(v) => Ok(Action::Return(v)),
            _ => Ok(Action::Return(default)),
        },
        ContKind::FilterCheck { item, iter } => {
            let Resume::Value(v) = r else {
                return Ok(Action::Return(Value::None));
            };
            if vm.truthy(v)?.unwrap_or(true) {
                Ok(Action::Return(item))
            } else {
                Ok(Action::Next { iter })
            }
        }
        ContKind::Adapt { adaptor, mut got } => adapt(vm, adaptor, &mut got, r),
        ContKind::Binary { op, a, b, inplace, stage } => {
            let Resume::Value(v) = r else {
                return Ok(Action::Return(Value::None));
            };
            if let Value::Obj(id) = v {
                if matches!(vm.heap.get(id), Obj::NotImplemented) {
                    return vm.binary_step(op, a, b, inplace, stage);
                }
            }
            Ok(Action::Return(v))
        }
        ContKind::ContainsIter { iter: Value::None, x, negate } => match r {
            Resume::Value(iter) => {
                Ok(Action::NextThen { iter, cont: ContKind::ContainsIter { iter, x, negate } })
            }
            _ => Ok(Action::Return(Value::Bool(negate))),
        },
        ContKind::ContainsIter { iter, x, negate } => match r {
            Resume::Value(v) => {
                if vm.is_same(v, x) || vm.eq(v, x) {
                    Ok(Action::Return(Value::Bool(!negate)))
                } else {
                    Ok(Action::NextThen { iter, cont: ContKind::ContainsIter { iter, x, negate } })
                }
            }
            _ => Ok(Action::Return(Value::Bool(negate))),
        },
        ContKind::SumRest { items, next } => {
            let Resume::Value(acc) = r else {
                return Ok(Action::Return(Value::None));
            };
            sum_from(vm, acc, items, next)
        }
        ContKind::GetItemIter { .. } => match r {
            Resume::Value(v) => Ok(Action::Return(v)),
            _ => Ok(Action::Exhausted),
        },
        ContKind::Compare { op, a, b, stage, negate } => {
            let Resume::Value(v) = r else {
                return Ok(Action::Return(Value::None));
            };
            if let Value::Obj(id) = v {
                if matches!(vm.heap.get(id), Obj::NotImplemented) {
                    return vm.compare_step(op, a, b, stage);
                }
            }
            if negate {
                let t = vm.truthy(v)?.unwrap_or(true);
                return Ok(Action::Return(Value::Bool(!t)));
            }
            Ok(Action::Return(v))
        }
        ContKind::SeqOrder { op, a, b, i } => {
            let Resume::Value(v) = r else {
                return Ok(Action::Return(Value::None));
            };
            if vm.truthy(v)?.unwrap_or(true) {
                vm.seq_order(op, a, b, i + 1)
            } else {
                let (x, y) = (vm.seq_item(a, i), vm.seq_item(b, i));
                vm.order_action(op, x.unwrap_or(Value::None), y.unwrap_or(Value::None))
            }
        }
        ContKind::InsertSort { items, keys, mut sorted, next, pos, finish } => {
            let Resume::Value(v) = r else {
                return Ok(Action::Return(Value::None));
            };
            let less = vm.truthy(v)?.unwrap_or(true);
            if less && pos > 1 {
                return insert_sort_step(vm, items, keys, sorted, next, pos - 1, finish);
            }
            let at = if less { pos - 1 } else { pos };
            sorted.insert(at, next);
            insert_sort_step(vm, items, keys, sorted, next + 1, usize::MAX, finish)
        }
        ContKind::Native { .. } => unreachable!("handled above"),
        ContKind::AnyAll { iter, want } => match r {
            Resume::Value(v) => {
                if vm.truthy(v)?.unwrap_or(true) == want {
                    Ok(Action::Return(Value::Bool(want)))
                } else {
                    Ok(Action::NextThen { iter, cont: ContKind::AnyAll { iter, want } })
                }
            }
            _ => Ok(Action::Return(Value::Bool(!want))),
        },
    }
}

/// `enumerate`, `zip`, `map`, `filter` and `iter(f, sentinel)` after their inner step.
fn adapt(vm: &mut Vm, adaptor: crate::py::value::ObjId, got: &mut Vec<Value>, r: Resume) -> R {
    let st = match vm.heap.get(adaptor) {
        Obj::Iter(s) => s.clone(),
        _ => return Ok(Action::Exhausted),
    };
    let v = match r {
        Resume::Value(v) => v,
        _ => {
            // Exhausted for good, keeping its type (`map`, `zip`, …).
            let dead = match st {
                IterState::Enumerate { count, .. } => IterState::Enumerate { inner: Value::None, count },
                IterState::Zip { .. } => IterState::Zip { inners: vec![] },
                IterState::Map { func, .. } => IterState::Map { func, inners: vec![] },
                IterState::Filter { func, .. } => IterState::Filter { func, inner: Value::None },
                _ => IterState::Exhausted,
            };
            *vm.heap.get_mut(adaptor) = Obj::Iter(dead);
            return Ok(Action::Exhausted);
        }
    };
    match st {
        IterState::Enumerate { count, inner } => {
            *vm.heap.get_mut(adaptor) = Obj::Iter(IterState::Enumerate { inner, count: count + 1 });
            Ok(Action::Return(vm.new_tuple(vec![Value::Int(count), v])))
        }
        IterState::Zip { inners } => {
            got.push(v);
            if got.len() < inners.len() {
                return Ok(Action::NextThen {
                    iter: inners[got.len()],
                    cont: ContKind::Adapt { adaptor, got: std::mem::take(got) },
                });
            }
            Ok(Action::Return(vm.new_tuple(std::mem::take(got))))
        }
        IterState::Map { func, inners } => {
            got.push(v);
            if got.len() < inners.len() {
                return Ok(Action::NextThen {
                    iter: inners[got.len()],
                    cont: ContKind::Adapt { adaptor, got: std::mem::take(got) },
                });
            }
            Ok(Action::Call { func, args: Args::new(got) })
        }
        IterState::Filter { func, .. } => {
            if func == Value::None {
                if vm.truthy(v)?.unwrap_or(true) {
                    return Ok(Action::Return(v));
                }
                return Ok(Action::Next { iter: Value::Obj(adaptor) });
            }
            Ok(Action::CallThen {
                func,
                args: Args::one(v),
                cont: ContKind::FilterCheck { item: v, iter: Value::Obj(adaptor) },
            })
        }
        IterState::Callable { sentinel, .. } => {
            if vm.eq(v, sentinel) {
                *vm.heap.get_mut(adaptor) = Obj::Iter(IterState::Exhausted);
                return Ok(Action::Exhausted);
            }
            Ok(Action::Return(v))
        }
        _ => Ok(Action::Return(v)),
    }
}

/// Sorts with a fallible comparison; the first error wins.
fn sort_values(vm: &mut Vm, items: &mut [(Value, Value)], reverse: bool) -> Result<(), Value> {
    let mut err: Option<Value> = None;
    {
        let vmr: &Vm = vm;
        items.sort_by(|a, b| {
            if err.is_some() {
                return std::cmp::Ordering::Equal;
            }
            match vmr.order(a.0, b.0) {
                Some(o) => {
                    if reverse {
                        o.reverse()
                    } else {
                        o
                    }
                }
                None => {
                    err = Some(Value::Unbound);
                    std::cmp::Ordering::Equal
                }
            }
        });
    }
    if err.is_some() {
        // Find the offending pair for CPython's message.
        for w in items.windows(2) {
            if vm.order(w[0].0, w[1].0).is_none() {
                let (ta, tb) = (vm.type_name(w[1].0), vm.type_name(w[0].0));
                return Err(
                    vm.type_error(format!("'<' not supported between instances of '{ta}' and '{tb}'"))
                );
            }
        }
        return Err(vm.type_error("'<' not supported between these instances"));
    }
    Ok(())
}

/// Whether ordering these keys needs Python `__lt__` calls.
fn needs_user_lt(vm: &Vm, keys: &[Value]) -> bool {
    // An int or str subclass without its own `__lt__` orders as its value.
    keys.iter().any(|&k| match k {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Instance(i) => i.base == Value::Unbound || vm.lookup_user_special(k, vm.sym.lt).is_some(),
            Obj::List(_) | Obj::Tuple(_) => vm.orders_by_python(k),
            _ => false,
        },
        _ => false,
    })
}

/// Places `keys[next]` into the sorted order by comparing `key < keys[sorted[pos - 1]]` (`pos` MAX means
/// start at the end); for min/max only the best so far is kept.
fn insert_sort_step(
    vm: &mut Vm,
    items: Vec<Value>,
    keys: Vec<Value>,
    mut sorted: Vec<usize>,
    next: usize,
    pos: usize,
    finish: Collected,
) -> R {
    let minmax = matches!(finish, Collected::MinMax { .. });
    if next >= keys.len() {
        let order: Vec<Value> = sorted.iter().map(|&i| items[i]).collect();
        return match finish {
            Collected::Sorted { reverse, .. } | Collected::SortInPlace { reverse, .. } => {
                let mut order = order;
                if reverse {
                    order.reverse();
                }
                if let Collected::SortInPlace { list, .. } = finish {
                    if let Obj::List(l) = vm.heap.get_mut(list) {
                        *l = order;
                    }
                    return Ok(Action::Return(Value::None));
                }
                Ok(Action::Return(vm.new_list(order)))
            }
            Collected::MinMax { is_max, .. } => {
                Ok(Action::Return(if is_max { *order.last().expect("items") } else { order[0] }))
            }
            _ => Ok(Action::Return(Value::None)),
        };
    }
    if sorted.is_empty() {
        sorted.push(next);
        return insert_sort_step(vm, items, keys, sorted, next + 1, usize::MAX, finish);
    }
    if minmax && sorted.len() > 1 {
        // Keep only the extreme: the smallest first and largest last.
        let (lo, hi) = (sorted[0], *sorted.last().expect("non-empty"));
        sorted = if lo == hi { vec![lo] } else { vec![lo, hi] };
    }
    let pos = if pos == usize::MAX { sorted.len() } else { pos };
    let other = keys[sorted[pos - 1]];
    let key = keys[next];
    // `key < other` as the `<` operator makes it (`__lt__`, the reflected `__gt__`, item by item for
    // tuples); its answer goes on to the next step.
    let less = vm.order_action(CmpOp::Lt, key, other)?;
    Ok(Action::Then {
        act: Box::new(less),
        cont: ContKind::InsertSort { items, keys, sorted, next, pos, finish },
    })
}

fn finish_keyed(vm: &mut Vm, items: Vec<Value>, keys: Vec<Value>, finish: Collected) -> R {
    if needs_user_lt(vm, &keys) {
        if let Collected::MinMax { is_max, default, .. } = finish {
            if items.is_empty() {
                if default != Value::Unbound {
                    return Ok(Action::Return(default));
                }
                let n = if is_max { "max" } else { "min" };
                return Err(vm.value_error(format!("{n}() arg is an empty sequence")));
            }
        }
        return insert_sort_step(vm, items, keys, Vec::new(), 0, usize::MAX, finish);
    }
    let mut pairs: Vec<(Value, Value)> = keys.into_iter().zip(items).collect();
    match finish {
        Collected::Sorted { reverse, .. } | Collected::SortInPlace { reverse, .. } => {
            if reverse {
                // Python's reverse sort keeps equal items in their original order.
                pairs.reverse();
                sort_values(vm, &mut pairs, false)?;
                pairs.reverse();
            } else {
                sort_values(vm, &mut pairs, false)?;
            }
            let out: Vec<Value> = pairs.into_iter().map(|p| p.1).collect();
            if let Collected::SortInPlace { list, .. } = finish {
                if let Obj::List(l) = vm.heap.get_mut(list) {
                    *l = out;
                }
                return Ok(Action::Return(Value::None));
            }
            Ok(Action::Return(vm.new_list(out)))
        }
        Collected::MinMax { is_max, default, .. } => {
            if pairs.is_empty() {
                if default != Value::Unbound {
                    return Ok(Action::Return(default));
                }
                let n = if is_max { "max" } else { "min" };
                return Err(vm.value_error(format!("{n}() arg is an empty sequence")));
            }
            let mut best = pairs[0];
            for p in pairs.iter().skip(1) {
                let o = match vm.order(p.0, best.0) {
                    Some(o) => o,
                    None => {
                        let op = if is_max { ">" } else { "<" };
                        let (ta, tb) = (vm.type_name(p.0), vm.type_name(best.0));
                        return Err(vm.type_error(format!(
                            "'{op}' not supported between instances of '{ta}' and '{tb}'"
                        )));
                    }
                };
                if (is_max && o == std::cmp::Ordering::Greater) || (!is_max && o == std::cmp::Ordering::Less)
                {
                    best = *p;
                }
            }
            Ok(Action::Return(best.1))
        }
        _ => Ok(Action::Return(Value::None)),
    }
}

/// Adds `items[next..]` to `acc`; objects' `__add__`/`__radd__` run as calls.
fn sum_from(vm: &mut Vm, mut acc: Value, items: Vec<Value>, next: usize) -> R {
    for k in next..items.len() {
        let i = items[k];
        // Ints that do not overflow add here; everything else as `+` does.
        if let (Value::Int(x), Value::Int(y)) = (acc, i) {
            if let Some(total) = x.checked_add(y) {
                acc = Value::Int(total);
                continue;
            }
        }
        match vm.binary_builtin(BinOp::Add, acc, i, false)? {
            Some(v) => acc = v,
            None => {
                // `acc + i` through the objects' methods, then the rest of the sum.
                return Ok(Action::CallThen {
                    func: vm.native("sum.add", sum_add),
                    args: Args::new(&[acc, i]),
                    cont: ContKind::SumRest { items, next: k + 1 },
                });
            }
        }
    }
    Ok(Action::Return(acc))
}

/// `x + y` for objects, as the `+` operator does it.
fn sum_add(vm: &mut Vm, a: Args) -> R {
    vm.binary_step(BinOp::Add, a.pos[0], a.pos[1], false, 0)
}

/// What a collector does with all the items.
pub fn finish_collect(vm: &mut Vm, items: Vec<Value>, finish: Collected) -> R {
    match finish {
        Collected::List => Ok(Action::Return(vm.new_list(items))),
        Collected::Tuple => Ok(Action::Return(vm.new_tuple(items))),
        Collected::Set | Collected::FrozenSet => {
            let o = if finish == Collected::Set {
                Obj::Set(Default::default())
            } else {
                Obj::FrozenSet(Default::default())
            };
            let s = vm.heap.alloc(o);
            for i in items {
                vm.set_add(s, i)?;
            }
            Ok(Action::Return(Value::Obj(s)))
        }
        Collected::SetUpdate(s) => {
            for i in items {
                vm.set_add(s, i)?;
            }
            Ok(Action::Return(Value::Obj(s)))
        }
        Collected::Sorted { key, .. }
        | Collected::SortInPlace { key, .. }
        | Collected::MinMax { key, .. } => {
            if key != Value::None && !items.is_empty() {
                let first = items[0];
                return Ok(Action::CallThen {
                    func: key,
                    args: Args::one(first),
                    cont: ContKind::SortKeys { items, keys: vec![], func: key, finish },
                });
            }
            let keys = items.clone();
            finish_keyed(vm, items, keys, finish)
        }
        Collected::Extend(l) | Collected::ExtendNone(l) => {
            if let Obj::List(list) = vm.heap.get_mut(l) {
                list.extend(items);
            }
            Ok(Action::Return(if matches!(finish, Collected::Extend(_)) {
                Value::Obj(l)
            } else {
                Value::None
            }))
        }
        Collected::Unpack { n } => {
            let out = vm.unpack_items(items, n, None)?;
            let f = vm.frames.last_mut().expect("frame");
            f.stack.extend(out.into_iter().rev());
            Ok(Action::Return(Value::None))
        }
        Collected::UnpackEx { before, after } => {
            let out = vm.unpack_items(items, before + after, Some((before, after)))?;
            let f = vm.frames.last_mut().expect("frame");
            f.stack.extend(out.into_iter().rev());
            Ok(Action::Return(Value::None))
        }
        Collected::Dict { dict, update } => {
            for (i, p) in items.into_iter().enumerate() {
                let kv = vm.seq_items(p).filter(|kv| kv.len() == 2);
                match kv {
                    Some(kv) => vm.dict_set(dict, kv[0], kv[1])?,
                    None => {
                        let n = vm.len_builtin(p);
                        return Err(match n {
                            Some(n) => vm.value_error(format!(
                                "dictionary update sequence element #{i} has length {n}; 2 is required"
                            )),
                            None => vm.type_error(format!(
                                "cannot convert dictionary update sequence element #{i} to a sequence"
                            )),
                        });
                    }
                }
            }
            Ok(Action::Return(if update { Value::None } else { Value::Obj(dict) }))
        }
        Collected::Bytes | Collected::ByteArray => {
            let mut out = Vec::new();
            for i in items {
                match vm.small_int(i) {
                    Some(x) if (0..256).contains(&x) => out.push(x as u8),
                    _ => return Err(vm.value_error("bytes must be in range(0, 256)")),
                }
            }
            let o = if finish == Collected::Bytes { Obj::Bytes(out) } else { Obj::ByteArray(out) };
            Ok(Action::Return(Value::Obj(vm.heap.alloc(o))))
        }
        Collected::Join(sep) => {
            // The parts are read where they live and copied once, into the new str.
            let mut parts: Vec<&str> = Vec::with_capacity(items.len());
            for (i, it) in items.iter().enumerate() {
                match vm.str_of(*it) {
                    Some(s) => parts.push(s),
                    None => {
                        return Err(vm.type_error(format!(
                            "sequence item {i}: expected str instance, {} found",
                            vm.type_name(*it)
                        )))
                    }
                }
            }
            let sep = match vm.heap.get(sep) {
                Obj::Str(s) => s.as_str(),
                _ => "",
            };
            let joined = PyStr::join(sep, &parts);
            Ok(Action::Return(Value::Obj(vm.heap.alloc(Obj::Str(joined)))))
        }
        Collected::Sum(start) => sum_from(vm, start, items, 0),
        Collected::AnyAll { want } => {
            for i in items {
                if vm.truthy(i)?.unwrap_or(true) == want {
                    return Ok(Action::Return(Value::Bool(want)));
                }
            }
            Ok(Action::Return(Value::Bool(!want)))
        }
    }
}
