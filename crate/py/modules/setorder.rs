//! The order CPython's set iterates small ints in: it depends only on the hash (the int itself), the
//! table size and the insertion order, so it can be replayed exactly. Other elements keep insertion order
//! (CPython randomises string hashes, so no program can rely on their order).

use crate::py::value::Value;

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// Replays CPython 3.11's `set_add_entry` and `set_table_resize` for ints.
pub fn cpython_order(items: &[Value]) -> Vec<Value> {
    let all_ints = items.iter().all(|v| matches!(v, Value::Int(_) | Value::Bool(_)));
    if !all_ints || items.len() > 100_000 {
        return items.to_vec();
    }
    let hash = |v: &Value| -> u64 {
        let i = match v {
            Value::Int(i) => *i,
            Value::Bool(b) => *b as i64,
            _ => 0,
        };
        (if i == -1 { -2 } else { i }) as u64
    };
    let mut table: Vec<Option<Value>> = vec![None; 8];
    let mut fill = 0usize;
    for v in items {
        insert(&mut table, *v, hash(v));
        fill += 1;
        let mask = table.len() - 1;
        if fill * 5 >= mask * 3 {
            let used = fill;
            let mut newsize = 8;
            let min = if used > 50000 { used * 2 } else { used * 4 };
            while newsize <= min {
                newsize <<= 1;
            }
            let old = std::mem::replace(&mut table, vec![None; newsize]);
            for x in old.into_iter().flatten() {
                insert(&mut table, x, hash(&x));
            }
        }
    }
    table.into_iter().flatten().collect()
}

fn insert(table: &mut [Option<Value>], v: Value, hash: u64) {
    let mask = table.len() - 1;
    let mut perturb = hash;
    let mut i = hash as usize & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
        for j in 0..=probes {
            if table[i + j].is_none() {
                table[i + j] = Some(v);
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
    }
}
