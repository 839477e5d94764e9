//! CPython 3.11's "Did you mean: …?" for uncaught NameError and AttributeError: the closest candidate
//! by its Levenshtein distance (moves cost 2, case flips 1), within a third of the characters involved.

use super::super::value::{Obj, Value};
use super::{ExcKind, Vm};

const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if (a & 31) != (b & 31) {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let (mut a, mut b) = (a, b);
    while !a.is_empty() && !b.is_empty() && a[0] == b[0] {
        a = &a[1..];
        b = &b[1..];
    }
    while !a.is_empty() && !b.is_empty() && a[a.len() - 1] == b[b.len() - 1] {
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (0..a.len()).map(|i| (i + 1) * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (ai, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = buffer[ai];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The best candidate for `name`, as `_Py_calculate_suggestions` picks it.
pub fn best<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<&str> = None;
    let mut best_distance = usize::MAX;
    for item in candidates {
        if item == name {
            continue;
        }
        let max = ((name.len() + item.len() + 3) * MOVE_COST / 6).min(best_distance.saturating_sub(1));
        let d = levenshtein(name.as_bytes(), item.as_bytes(), max);
        if d > max {
            continue;
        }
        if best.is_none() || d < best_distance {
            best = Some(item);
            best_distance = d;
        }
    }
    best
}

impl Vm {
    /// The ". Did you mean: 'x'?" CPython appends to an uncaught NameError or AttributeError.
    pub(crate) fn suggestion(&self, exc: Value) -> Option<String> {
        let name_sym = self.names.lookup("name")?;
        let Value::Obj(id) = exc else { return None };
        let Obj::Instance(inst) = self.heap.get(id) else {
            return None;
        };
        let name = self.str_of(inst.attrs.get(name_sym)?)?.to_string();
        let mut pools: Vec<Vec<String>> = Vec::new();
        if self.is_exc(exc, ExcKind::NameError) {
            let d = self.exc_data(exc)?;
            let (code, _) = d.traceback.first()?;
            pools.push(code.varnames.iter().map(|s| self.sym_name(*s).to_string()).collect());
            if let Some(&m) = self.modules.get("__main__") {
                if let Obj::Module { attrs, .. } = self.heap.get(m) {
                    pools.push(attrs.iter().map(|a| self.sym_name(a.0).to_string()).collect());
                }
            }
            if let Obj::Module { attrs, .. } = self.heap.get(self.builtins) {
                pools.push(attrs.iter().map(|a| self.sym_name(a.0).to_string()).collect());
            }
        } else if self.is_exc(exc, ExcKind::AttributeError) {
            let obj_sym = self.names.lookup("obj")?;
            let obj = inst.attrs.get(obj_sym)?;
            let mut names: Vec<String> = Vec::new();
            if let Value::Obj(o) = obj {
                match self.heap.get(o) {
                    Obj::Instance(_) => names.extend(self.instance_attr_names(o)),
                    Obj::Module { attrs, .. } => {
                        names.extend(attrs.iter().map(|a| self.sym_name(a.0).to_string()))
                    }
                    _ => {}
                }
            }
            let cls = match obj {
                Value::Obj(o) if matches!(self.heap.get(o), Obj::Class(_)) => o,
                _ => self.class_of(obj),
            };
            if let Obj::Class(c) = self.heap.get(cls) {
                for k in &c.mro {
                    if let Obj::Class(kc) = self.heap.get(*k) {
                        names.extend(kc.attrs.iter().map(|a| self.sym_name(a.0).to_string()));
                    }
                }
            }
            names.sort();
            names.dedup();
            pools.push(names);
        } else {
            return None;
        }
        for pool in &pools {
            if let Some(s) = best(&name, pool.iter().map(String::as_str)) {
                return Some(format!(". Did you mean: '{s}'?"));
            }
        }
        None
    }

    /// Remembers the missing name (and object) on a NameError/AttributeError for the suggestion.
    pub(crate) fn set_missing_name(&mut self, exc: Value, name: &str, obj: Option<Value>) {
        let n = self.new_str(name);
        let (ns, os) = (self.names.intern("name"), self.names.intern("obj"));
        if let Value::Obj(id) = exc {
            if let Obj::Instance(i) = self.heap.get_mut(id) {
                i.attrs.set(ns, n);
                if let Some(o) = obj {
                    i.attrs.set(os, o);
                }
            }
        }
    }
}
