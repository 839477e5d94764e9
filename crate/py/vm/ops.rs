//! Operators on values: arithmetic (ints grow into big ints), comparison, equality, hashing, truth,
//! subscripts, iteration of builtin containers. Objects with Python dunders get a call instead.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use super::super::ast::{BinOp, CmpOp};
use super::super::bytecode::Op;
use super::super::pystr::text_hash;
use super::super::value::{IterState, Kind, Obj, ObjId, PyStr, Value};
use super::call::{Action, Collected, ContKind, ReturnTo};
use super::{Args, ExcKind, Vm};

/// The longest string, bytes or list one operation may build (beyond it: MemoryError, not an abort).
pub const MAX_SEQUENCE: usize = 200_000_000;

/// How deep equality and ordering look into nested containers before giving up (no Rust recursion
/// without bound).
const MAX_COMPARE_DEPTH: u32 = 400;

/// An int or bool held in the value itself (no heap look-up: the comparisons' fast path).
#[inline]
fn int_direct(v: Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(i),
        Value::Bool(b) => Some(b as i64),
        _ => None,
    }
}

/// `x / y` for ints, correctly rounded as CPython's: one rounding of the exact quotient (converting
/// each int to a float first rounds twice past 2**53, and huge ints would become infinities). `None`
/// when the quotient is too large for a float; `y` is not zero.
fn int_true_divide(x: &BigInt, y: &BigInt) -> Option<f64> {
    if x.bits() <= 53 && y.bits() <= 53 {
        // Both are exact as floats: IEEE division rounds the exact quotient once.
        return Some(x.to_f64()? / y.to_f64()?);
    }
    let negative = x.is_negative() != y.is_negative();
    let (a, b) = (x.abs(), y.abs());
    // Scale so the integer quotient has at least 65 bits: a float keeps 53, so the bits below hold the
    // rounding, and a nonzero remainder is folded into the lowest one (a "sticky" bit).
    let shift = 65 + b.bits() as i64 - a.bits() as i64;
    let (num, den) = if shift >= 0 { (a << shift as usize, b) } else { (a, b << (-shift) as usize) };
    let (q, r) = num.div_rem(&den);
    let q = if r.is_zero() { q } else { q | BigInt::from(1) };
    let scaled = libm::ldexp(q.to_f64()?, (-shift).clamp(i32::MIN as i64, i32::MAX as i64) as i32);
    if scaled.is_infinite() {
        return None;
    }
    Some(if negative { -scaled } else { scaled })
}

/// The common case of `int op int` without overflow; `None` sends it the long way.
#[inline]
pub fn int_fast(op: BinOp, x: i64, y: i64) -> Option<Value> {
    Some(Value::Int(match op {
        BinOp::Add => x.checked_add(y)?,
        BinOp::Sub => x.checked_sub(y)?,
        BinOp::Mult => x.checked_mul(y)?,
        BinOp::FloorDiv if y != 0 => {
            let q = x.checked_div(y)?;
            if (x % y != 0) && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            }
        }
        BinOp::Mod if y != 0 => {
            let r = x.checked_rem(y)?;
            if r != 0 && ((r < 0) != (y < 0)) {
                r + y
            } else {
                r
            }
        }
        BinOp::BitAnd => x & y,
        BinOp::BitOr => x | y,
        BinOp::BitXor => x ^ y,
        _ => return None,
    }))
}

#[inline]
pub fn int_compare(op: CmpOp, x: i64, y: i64) -> Option<bool> {
    Some(match op {
        CmpOp::Lt => x < y,
        CmpOp::LtE => x <= y,
        CmpOp::Gt => x > y,
        CmpOp::GtE => x >= y,
        CmpOp::Eq | CmpOp::Is => x == y,
        CmpOp::NotEq | CmpOp::IsNot => x != y,
        _ => return None,
    })
}

/// What a builtin iterator gives next.
pub enum NextStep {
    Item(Value),
    Done,
    /// `iter(callable, sentinel)` calls its callable.
    Call {
        func: Value,
        args: Args,
        cont: ContKind,
    },
    /// An adaptor (`map`, `zip`, …) needs an item of an inner iterator first.
    NextOf {
        iter: Value,
        cont: ContKind,
    },
}

pub fn binop_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mult => "*",
        BinOp::MatMult => "@",
        BinOp::Div => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "** or pow()",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
    }
}

fn dunder(op: BinOp) -> (&'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__"),
        BinOp::Sub => ("__sub__", "__rsub__"),
        BinOp::Mult => ("__mul__", "__rmul__"),
        BinOp::MatMult => ("__matmul__", "__rmatmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__"),
        BinOp::Pow => ("__pow__", "__rpow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__"),
        BinOp::BitOr => ("__or__", "__ror__"),
        BinOp::BitXor => ("__xor__", "__rxor__"),
        BinOp::BitAnd => ("__and__", "__rand__"),
    }
}

pub fn cmp_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
    }
}

/// Python's float `%`.
pub fn float_mod(x: f64, y: f64) -> f64 {
    let r = x % y;
    if r != 0.0 && ((r < 0.0) != (y < 0.0)) {
        r + y
    } else if r == 0.0 {
        0.0f64.copysign(y)
    } else {
        r
    }
}

/// The hash of a str (what a dict stores for a str key).
pub(crate) fn str_hash(s: &str) -> u64 {
    text_hash(s.as_bytes())
}

/// Python's hash of an int (mod 2**61 - 1), so `hash(n)` prints as CPython's for any int.
fn hash_bigint(b: &BigInt) -> i64 {
    let m = BigInt::from((1u64 << 61) - 1);
    let r = (b.abs() % &m).to_i64().unwrap_or(0);
    let r = if b.is_negative() { -r } else { r };
    if r == -1 {
        -2
    } else {
        r
    }
}

/// CPython's `_Py_HashDouble`: equal to the int's hash for integral floats.
pub fn hash_float(v: f64) -> i64 {
    const BITS: i32 = 61;
    const MODULUS: u64 = (1 << 61) - 1;
    if v.is_infinite() {
        return if v > 0.0 { 314159 } else { -314159 };
    }
    if v.is_nan() {
        return 0;
    }
    // frexp: v = m * 2**e with 0.5 <= |m| < 1.
    let (mut m, mut e) = if v == 0.0 {
        (0.0, 0)
    } else {
        let bits = v.abs().to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i32;
        if exp == 0 {
            let scaled = v.abs() * 2f64.powi(54);
            let b = scaled.to_bits();
            let ex = ((b >> 52) & 0x7ff) as i32;
            (f64::from_bits((b & !(0x7ffu64 << 52)) | (1022u64 << 52)), ex - 1022 - 54)
        } else {
            (f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52)), exp - 1022)
        }
    };
    let sign: i64 = if v < 0.0 { -1 } else { 1 };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { e % BITS } else { BITS - 1 - ((-1 - e) % BITS) };
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    let h = x as i64 * sign;
    if h == -1 {
        -2
    } else {
        h
    }
}

fn hash_int(i: i64) -> i64 {
    if i == -1 {
        -2
    } else if i.unsigned_abs() < (1u64 << 61) - 1 {
        i
    } else {
        hash_bigint(&BigInt::from(i))
    }
}

impl Vm {
    pub(crate) fn class_of(&self, v: Value) -> ObjId {
        let t = &self.types;
        match v {
            Value::None => t.none,
            Value::Bool(_) => t.bool_,
            Value::Int(_) => t.int,
            Value::Float(_) => t.float,
            Value::Unbound => t.none,
            Value::Obj(id) => match self.heap.get(id) {
                Obj::Str(_) => t.str_,
                Obj::Bytes(_) => t.bytes,
                Obj::ByteArray(_) => t.bytearray,
                Obj::BigInt(_) => t.int,
                Obj::Tuple(_) => t.tuple,
                Obj::List(_) => t.list,
                Obj::Dict(_) => t.dict,
                Obj::Set(_) => t.set,
                Obj::FrozenSet(_) => t.frozenset,
                Obj::Range { .. } => t.range,
                Obj::Slice { .. } => t.slice,
                Obj::Function(_) => t.function,
                Obj::Native(_) | Obj::NativeMethod { .. } => t.builtin_function,
                Obj::Method { .. } => t.method,
                Obj::Class(_) => t.type_,
                Obj::Instance(i) => i.class,
                Obj::Module { .. } => t.module,
                Obj::Cell(_) => t.cell,
                Obj::Iter(st) => match st {
                    IterState::Enumerate { .. } => t.enumerate,
                    IterState::Zip { .. } => t.zip,
                    IterState::Map { .. } => t.map,
                    IterState::Filter { .. } => t.filter,
                    _ => t.iterator,
                },
                Obj::Generator(_) => t.generator,
                Obj::Greenlet(g) => g.class,
                Obj::Property { .. } => t.property,
                Obj::StaticMethod(_) => t.staticmethod,
                Obj::ClassMethod(_) => t.classmethod,
                Obj::Super { .. } => t.super_,
                Obj::Code(_) => t.code,
                Obj::DictView { kind, .. } => [t.dict_keys, t.dict_values, t.dict_items][*kind as usize],
                Obj::MappingProxy(_) => t.mappingproxy,
                Obj::NotImplemented => t.not_implemented,
                Obj::Ellipsis => t.ellipsis,
                Obj::Free => t.none,
            },
        }
    }

    pub(crate) fn class_name(&self, cls: ObjId) -> String {
        match self.heap.get(cls) {
            Obj::Class(c) => c.name.clone(),
            _ => "?".into(),
        }
    }

    /// `type(v).__name__`, as error messages quote it.
    pub fn type_name(&self, v: Value) -> String {
        if let Value::Obj(id) = v {
            match self.heap.get(id) {
                Obj::Iter(st) => {
                    return match st {
                        IterState::Seq { seq, .. } => match seq {
                            Value::Obj(s) => match self.heap.get(*s) {
                                Obj::Tuple(_) => "tuple_iterator",
                                Obj::Str(_) => "str_ascii_iterator",
                                _ => "list_iterator",
                            },
                            _ => "list_iterator",
                        },
                        IterState::Range { .. } => "range_iterator",
                        IterState::DictKeys { .. } => "dict_keyiterator",
                        IterState::DictValues { .. } => "dict_valueiterator",
                        IterState::DictItems { .. } => "dict_itemiterator",
                        IterState::Str { .. } => "str_ascii_iterator",
                        IterState::Enumerate { .. } => "enumerate",
                        IterState::Zip { .. } => "zip",
                        IterState::Map { .. } => "map",
                        IterState::Filter { .. } => "filter",
                        IterState::Reversed { .. } => "list_reverseiterator",
                        IterState::Callable { .. } => "callable_iterator",
                        IterState::GetItem { .. } => "iterator",
                        IterState::Exhausted => "iterator",
                    }
                    .into()
                }
                Obj::NativeMethod { .. } => return "builtin_function_or_method".into(),
                _ => {}
            }
        }
        self.class_name(self.class_of(v))
    }

    pub(crate) fn is_subclass(&self, cls: ObjId, base: ObjId) -> bool {
        if cls == base {
            return true;
        }
        match self.heap.get(cls) {
            Obj::Class(c) => c.mro.contains(&base) || (base == self.types.int && cls == self.types.bool_),
            _ => false,
        }
    }

    pub(crate) fn isinstance(&self, v: Value, cls: ObjId) -> bool {
        let c = self.class_of(v);
        self.is_subclass(c, cls)
    }

    /// The builtin value an instance of an `int` or `str` subclass stands for (`v` itself otherwise).
    #[inline]
    pub(crate) fn base_value(&self, v: Value) -> Value {
        if let Value::Obj(id) = v {
            if let Obj::Instance(i) = self.heap.get(id) {
                if i.base != Value::Unbound {
                    return i.base;
                }
            }
        }
        v
    }

    /// Is `v` an instance of a user subclass of `int` or `str` (`class F(int)`, an IntEnum member)?
    pub(crate) fn has_base(&self, v: Value) -> bool {
        matches!(v, Value::Obj(id) if matches!(self.heap.get(id), Obj::Instance(i) if i.base != Value::Unbound))
    }

    /// What `int.__new__(cls, …)` / `str.__new__(cls, …)` gives for the builtin value `v`: `v` itself
    /// for the builtin class, an instance that keeps its class for a subclass.
    pub(crate) fn of_subclass(&mut self, cls: Option<Value>, v: Value) -> Value {
        let Some(Value::Obj(cls)) = cls else { return v };
        let t = &self.types;
        if cls == t.int || cls == t.str_ || cls == t.bool_ || !matches!(self.heap.get(cls), Obj::Class(_)) {
            return self.base_value(v);
        }
        let base = self.base_value(v);
        self.subclass_values_made = true;
        let inst = super::super::value::Instance { base, ..super::super::value::Instance::new(cls) };
        Value::Obj(self.heap.alloc(Obj::Instance(Box::new(inst))))
    }

    /// The value of an int, a bool, or an int subclass's instance, as a big integer.
    pub(crate) fn big_of(&self, v: Value) -> Option<BigInt> {
        match v {
            Value::Int(i) => Some(BigInt::from(i)),
            Value::Bool(b) => Some(BigInt::from(b as i64)),
            Value::Obj(id) => match self.heap.get(id) {
                Obj::BigInt(b) => Some(b.clone()),
                Obj::Instance(i) if i.base != Value::Unbound => self.big_of(i.base),
                _ => None,
            },
            _ => None,
        }
    }

    pub(crate) fn int_value(&mut self, b: BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::Obj(self.heap.alloc(Obj::BigInt(b))),
        }
    }

    #[inline]
    pub(crate) fn is_int(&self, v: Value) -> bool {
        match v {
            Value::Int(_) | Value::Bool(_) => true,
            Value::Obj(id) => match self.heap.get(id) {
                Obj::BigInt(_) => true,
                Obj::Instance(i) => match i.base {
                    Value::Int(_) | Value::Bool(_) => true,
                    Value::Obj(b) => matches!(self.heap.get(b), Obj::BigInt(_)),
                    _ => false,
                },
                _ => false,
            },
            _ => false,
        }
    }

    pub(crate) fn as_f64(&self, v: Value) -> Option<f64> {
        match v {
            Value::Float(f) => Some(f),
            Value::Int(i) => Some(i as f64),
            Value::Bool(b) => Some(b as i64 as f64),
            Value::Obj(id) => match self.heap.get(id) {
                Obj::BigInt(b) => b.to_f64(),
                Obj::Instance(i) if i.base != Value::Unbound => self.as_f64(i.base),
                _ => None,
            },
            _ => None,
        }
    }

    /// Binary operator: builtin types natively; objects through `__op__` / `__rop__`.
    #[inline(never)]
    pub(crate) fn binary(&mut self, op: BinOp, a: Value, b: Value, inplace: bool) -> Result<(), Value> {
        if op == BinOp::Mod && self.str_of(a).is_some() {
            // `%` may need user `__str__`/`__repr__` of its arguments.
            let after = super::format::AfterStrings::Percent { fmt: a, args: b };
            return self.with_strings(after, ReturnTo::Push);
        }
        // An int or str subclass's own dunders come first; int's or str's operation is the fallback.
        let subclassed = self.subclass_values_made && (self.has_base(a) || self.has_base(b));
        if !subclassed {
            if let Some(v) = self.binary_builtin(op, a, b, inplace)? {
                self.push(v);
                return Ok(());
            }
        }
        let act = self.binary_step(op, a, b, inplace, 0)?;
        self.perform(act, ReturnTo::Push)
    }

    /// One stage of a binary operator on objects: 0 tries `a.__iop__` (in-place) then `a.__op__`,
    /// 1 tries `b.__rop__`; a `NotImplemented` result moves on; then TypeError.
    pub(crate) fn binary_step(
        &mut self,
        op: BinOp,
        a: Value,
        b: Value,
        inplace: bool,
        stage: u8,
    ) -> Result<Action, Value> {
        let (name, rname) = dunder(op);
        let (s, rs) = (self.names.intern(name), self.names.intern(rname));
        let call = |m: Value, x: Value, y: Value, next: u8| Action::CallThen {
            func: m,
            args: Args::new(&[x, y]),
            cont: ContKind::Binary { op, a, b, inplace, stage: next },
        };
        if stage == 0 {
            if inplace {
                let iname = format!("__i{}", &name[2..]);
                let is = self.names.intern(&iname);
                if let Some(m) = self.lookup_user_special(a, is) {
                    return Ok(call(m, a, b, 1));
                }
            }
            if let Some(m) = self.lookup_user_special(a, s) {
                return Ok(call(m, a, b, 1));
            }
        }
        if stage <= 1 {
            if let Some(m) = self.lookup_user_special(b, rs) {
                return Ok(call(m, b, a, 2));
            }
        }
        if self.has_base(a) || self.has_base(b) {
            let (x, y) = (self.base_value(a), self.base_value(b));
            if let Some(v) = self.binary_builtin(op, x, y, inplace)? {
                return Ok(Action::Return(v));
            }
        }
        Err(self.binary_type_error(op, a, b, inplace))
    }

    fn binary_type_error(&mut self, op: BinOp, a: Value, b: Value, inplace: bool) -> Value {
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        if op == BinOp::Add && ta == "str" {
            return self.type_error(format!("can only concatenate str (not \"{tb}\") to str"));
        }
        if op == BinOp::Add && (ta == "list" || ta == "tuple") {
            return self.type_error(format!("can only concatenate {ta} (not \"{tb}\") to {ta}"));
        }
        let is_seq = |t: &str| matches!(t, "str" | "list" | "tuple" | "bytes" | "bytearray");
        if op == BinOp::Mult && (is_seq(&ta) || is_seq(&tb)) {
            // The operand that is not the sequence (the right one when both are).
            let other = if is_seq(&tb) && !is_seq(&ta) { &ta } else { &tb };
            return self.type_error(format!("can't multiply sequence by non-int of type '{other}'"));
        }
        let sym = binop_symbol(op);
        let sym = if inplace && op != BinOp::Pow { format!("{sym}=") } else { sym.to_string() };
        self.type_error(format!("unsupported operand type(s) for {sym}: '{ta}' and '{tb}'"))
    }

    /// Builtin arithmetic; `Ok(None)` when neither operand is a builtin that handles `op`.
    pub(crate) fn binary_builtin(
        &mut self,
        op: BinOp,
        a: Value,
        b: Value,
        inplace: bool,
    ) -> Result<Option<Value>, Value> {
        // `str + str` first: neither is a number, so the number checks' heap look-ups can wait.
        if let (BinOp::Add, Value::Obj(ia), Value::Obj(ib)) = (op, a, b) {
            if let (Obj::Str(x), Obj::Str(y)) = (self.heap.get(ia), self.heap.get(ib)) {
                let s = PyStr::concat(x, y);
                return Ok(Some(Value::Obj(self.heap.alloc(Obj::Str(s)))));
            }
        }
        // Ints (bools are ints).
        if self.is_int(a) && self.is_int(b) {
            return self.int_binary(op, a, b).map(Some);
        }
        if let (Some(x), Some(y)) = (self.num_f64(a), self.num_f64(b)) {
            return self.float_binary(op, x, y).map(Some);
        }
        let (Value::Obj(ia), bv) = (a, b) else {
            return self.seq_repeat_left(op, a, b);
        };
        match (self.heap.get(ia), bv) {
            (Obj::Str(_), _) if op == BinOp::Mod => return self.percent_format_native(a, b).map(Some),
            (Obj::Bytes(_), _) if op == BinOp::Mod => return self.percent_format_native(a, b).map(Some),
            (Obj::Str(x), _) if op == BinOp::Mult => {
                if let Some(n) = self.small_int(b) {
                    if x.len().saturating_mul(n.max(0) as usize) > MAX_SEQUENCE {
                        return Err(self.memory_error());
                    }
                    let s = PyStr::repeat(x, n.max(0) as usize);
                    return Ok(Some(Value::Obj(self.heap.alloc(Obj::Str(s)))));
                }
            }
            (Obj::List(x), Value::Obj(ib)) if op == BinOp::Add => {
                if let Obj::List(y) = self.heap.get(ib) {
                    if inplace {
                        let y = y.clone();
                        if let Obj::List(x) = self.heap.get_mut(ia) {
                            x.extend(y);
                        }
                        return Ok(Some(a));
                    }
                    let mut v = x.clone();
                    v.extend_from_slice(y);
                    return Ok(Some(self.new_list(v)));
                }
                if inplace {
                    if let Some(items) = self.seq_items(b) {
                        if let Obj::List(x) = self.heap.get_mut(ia) {
                            x.extend(items);
                        }
                        return Ok(Some(a));
                    }
                }
            }
            (Obj::Tuple(x), Value::Obj(ib)) if op == BinOp::Add => {
                if let Obj::Tuple(y) = self.heap.get(ib) {
                    let mut v = x.clone();
                    v.extend_from_slice(y);
                    return Ok(Some(self.new_tuple(v)));
                }
            }
            (Obj::Bytes(x), Value::Obj(ib)) if op == BinOp::Add => {
                if let Obj::Bytes(y) | Obj::ByteArray(y) = self.heap.get(ib) {
                    let mut v = x.clone();
                    v.extend_from_slice(y);
                    return Ok(Some(Value::Obj(self.heap.alloc(Obj::Bytes(v)))));
                }
            }
            (Obj::ByteArray(x), Value::Obj(ib)) if op == BinOp::Add => {
                if let Obj::Bytes(y) | Obj::ByteArray(y) = self.heap.get(ib) {
                    let mut v = x.clone();
                    v.extend_from_slice(y);
                    if inplace {
                        *self.heap.get_mut(ia) = Obj::ByteArray(v);
                        return Ok(Some(a));
                    }
                    return Ok(Some(Value::Obj(self.heap.alloc(Obj::ByteArray(v)))));
                }
            }
            (Obj::List(x), _) | (Obj::Tuple(x), _) if op == BinOp::Mult => {
                if let Some(n) = self.small_int(b) {
                    let mut v = Vec::new();
                    if x.len().saturating_mul(n.max(0) as usize) > MAX_SEQUENCE {
                        return Err(self.memory_error());
                    }
                    for _ in 0..n.max(0) {
                        v.extend_from_slice(x);
                    }
                    let is_list = matches!(self.heap.get(ia), Obj::List(_));
                    return Ok(Some(if is_list { self.new_list(v) } else { self.new_tuple(v) }));
                }
            }
            (Obj::Bytes(x) | Obj::ByteArray(x), _) if op == BinOp::Mult => {
                if let Some(n) = self.small_int(b) {
                    if x.len().saturating_mul(n.max(0) as usize) > MAX_SEQUENCE {
                        return Err(self.memory_error());
                    }
                    let v = x.repeat(n.max(0) as usize);
                    let o = if matches!(self.heap.get(ia), Obj::Bytes(_)) {
                        Obj::Bytes(v)
                    } else {
                        Obj::ByteArray(v)
                    };
                    return Ok(Some(Value::Obj(self.heap.alloc(o))));
                }
            }
            (Obj::Set(_) | Obj::FrozenSet(_), Value::Obj(ib))
                if matches!(op, BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor) =>
            {
                if matches!(self.heap.get(ib), Obj::Set(_) | Obj::FrozenSet(_)) {
                    return self.set_binary(op, ia, ib).map(Some);
                }
            }
            (Obj::Dict(_), Value::Obj(ib)) if op == BinOp::BitOr => {
                if let Obj::Dict(d) = self.heap.get(ib) {
                    let add: Vec<(Value, Value)> = d.iter().map(|e| (e.key, e.value)).collect();
                    let Obj::Dict(x) = self.heap.get(ia) else { unreachable!() };
                    let target = if inplace { ia } else { self.heap.alloc(Obj::Dict(x.clone())) };
                    for (k, v) in add {
                        self.dict_set(target, k, v)?;
                    }
                    return Ok(Some(Value::Obj(target)));
                }
            }
            _ => {}
        }
        self.seq_repeat_left(op, a, b)
    }

    /// `3 * "ab"`, `2 * [1]`.
    fn seq_repeat_left(&mut self, op: BinOp, a: Value, b: Value) -> Result<Option<Value>, Value> {
        if op == BinOp::Mult && self.small_int(a).is_some() {
            if let Value::Obj(ib) = b {
                if matches!(self.heap.get(ib), Obj::Str(_) | Obj::List(_) | Obj::Tuple(_) | Obj::Bytes(_)) {
                    return self.binary_builtin(op, b, a, false);
                }
            }
        }
        Ok(None)
    }

    #[inline]
    fn num_f64(&self, v: Value) -> Option<f64> {
        match v {
            Value::Float(f) => Some(f),
            _ if self.is_int(v) => self.as_f64(v),
            _ => None,
        }
    }

    /// The value of an int (or bool) that fits in 64 bits.
    pub fn small_int(&self, v: Value) -> Option<i64> {
        match v {
            Value::Int(i) => Some(i),
            Value::Bool(b) => Some(b as i64),
            Value::Obj(_) => match self.base_value(v) {
                Value::Int(i) => Some(i),
                _ => None,
            },
            _ => None,
        }
    }

    fn int_binary(&mut self, op: BinOp, a: Value, b: Value) -> Result<Value, Value> {
        if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
            match op {
                BinOp::BitAnd => return Ok(Value::Bool(x & y)),
                BinOp::BitOr => return Ok(Value::Bool(x | y)),
                BinOp::BitXor => return Ok(Value::Bool(x ^ y)),
                _ => {}
            }
        }
        if let (Some(x), Some(y)) = (self.small_int(a), self.small_int(b)) {
            if let Some(v) = int_fast(op, x, y) {
                return Ok(v);
            }
        }
        let x = self.big_of(a).expect("int");
        let y = self.big_of(b).expect("int");
        let r = match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mult => x * y,
            BinOp::FloorDiv => {
                if y.is_zero() {
                    return Err(self.exc(ExcKind::ZeroDivisionError, "integer division or modulo by zero"));
                }
                x.div_floor(&y)
            }
            BinOp::Mod => {
                if y.is_zero() {
                    return Err(self.exc(ExcKind::ZeroDivisionError, "integer modulo by zero"));
                }
                x.mod_floor(&y)
            }
            BinOp::Div => {
                if y.is_zero() {
                    return Err(self.exc(ExcKind::ZeroDivisionError, "division by zero"));
                }
                return match int_true_divide(&x, &y) {
                    Some(q) => Ok(self.made_float(q)),
                    None => {
                        Err(self.exc(ExcKind::OverflowError, "integer division result too large for a float"))
                    }
                };
            }
            BinOp::Pow => {
                if y.is_negative() {
                    let (fx, fy) = (x.to_f64().unwrap_or(0.0), y.to_f64().unwrap_or(0.0));
                    if fx == 0.0 {
                        return Err(
                            self.exc(ExcKind::ZeroDivisionError, "0.0 cannot be raised to a negative power")
                        );
                    }
                    return Ok(Value::Float(fx.powf(fy)));
                }
                let e = y.to_u32().unwrap_or(u32::MAX);
                if e > 1_000_000 && x.abs() > BigInt::from(1) {
                    return Err(self.memory_error());
                }
                num_traits::pow::Pow::pow(x, e)
            }
            BinOp::LShift => {
                if y.is_negative() {
                    return Err(self.value_error("negative shift count"));
                }
                let s = y.to_usize().unwrap_or(usize::MAX);
                if s > 10_000_000 {
                    return Err(self.exc(ExcKind::OverflowError, "too many digits in integer"));
                }
                x << s
            }
            BinOp::RShift => {
                if y.is_negative() {
                    return Err(self.value_error("negative shift count"));
                }
                let s = y.to_usize().unwrap_or(usize::MAX);
                if s > 100_000 {
                    if x.is_negative() {
                        BigInt::from(-1)
                    } else {
                        BigInt::zero()
                    }
                } else {
                    x >> s
                }
            }
            BinOp::BitAnd => x & y,
            BinOp::BitOr => x | y,
            BinOp::BitXor => x ^ y,
            BinOp::MatMult => {
                return Err(self.type_error("unsupported operand type(s) for @: 'int' and 'int'"));
            }
        };
        let v = self.int_value(r);
        // `True + True` is an int; bool op bool stays bool only for & | ^.
        if matches!((a, b), (Value::Bool(_), Value::Bool(_)))
            && matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor)
        {
            if let Value::Int(i) = v {
                return Ok(Value::Bool(i != 0));
            }
        }
        Ok(v)
    }

    fn float_binary(&mut self, op: BinOp, x: f64, y: f64) -> Result<Value, Value> {
        let r = match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mult => x * y,
            BinOp::Div => {
                if y == 0.0 {
                    return Err(self.exc(ExcKind::ZeroDivisionError, "float division by zero"));
                }
                x / y
            }
            BinOp::FloorDiv => {
                if y == 0.0 {
                    return Err(self.exc(ExcKind::ZeroDivisionError, "float floor division by zero"));
                }
                (x / y).floor()
            }
            BinOp::Mod => {
                if y == 0.0 {
                    return Err(self.exc(ExcKind::ZeroDivisionError, "float modulo"));
                }
                float_mod(x, y)
            }
            BinOp::Pow => {
                if x == 0.0 && y < 0.0 {
                    return Err(
                        self.exc(ExcKind::ZeroDivisionError, "0.0 cannot be raised to a negative power")
                    );
                }
                let r = x.powf(y);
                if r.is_infinite() && x.is_finite() && y.is_finite() {
                    return Err(self.exc(ExcKind::OverflowError, "(34, 'Numerical result out of range')"));
                }
                r
            }
            _ => {
                let sym = binop_symbol(op);
                return Err(
                    self.type_error(format!("unsupported operand type(s) for {sym}: 'float' and 'float'"))
                );
            }
        };
        Ok(self.made_float(r))
    }

    /// A float an operation (or `float()`) has just made. Floats are values, and two floats are the same
    /// object when their bits are equal; only a NaN needs more, because `nan == nan` is false and
    /// containers fall back on identity: each NaN made gets a payload of its own (a serial), so
    /// `float('nan') is nan` is False while `nan in [nan]` stays True, as in CPython.
    pub(crate) fn made_float(&mut self, f: f64) -> Value {
        if !f.is_nan() {
            return Value::Float(f);
        }
        self.nan_serial = self.nan_serial.wrapping_add(1);
        const QUIET_NAN: u64 = 0x7ff8_0000_0000_0000;
        const PAYLOAD: u64 = (1 << 51) - 1;
        const SIGN: u64 = 1 << 63;
        let bits = (f.to_bits() & SIGN) | QUIET_NAN | (self.nan_serial & PAYLOAD);
        Value::Float(f64::from_bits(bits))
    }

    /// `a | b`, `a & b`, `a - b`, `a ^ b` on sets; stored hashes are reused, as CPython does (a
    /// Python `__hash__` is not called again).
    fn set_binary(&mut self, op: BinOp, a: ObjId, b: ObjId) -> Result<Value, Value> {
        let xa = self.set_entries(a);
        let xb = self.set_entries(b);
        let frozen = matches!(self.heap.get(a), Obj::FrozenSet(_));
        let out = self.heap.alloc(if frozen {
            Obj::FrozenSet(Default::default())
        } else {
            Obj::Set(Default::default())
        });
        match op {
            BinOp::BitOr => {
                for (h, v) in xa.into_iter().chain(xb) {
                    self.set_add_hashed(out, h, v)?;
                }
            }
            BinOp::BitAnd => {
                // The smaller set is walked and probes the larger.
                let (walk, probe) = if xb.len() > xa.len() { (xa, b) } else { (xb, a) };
                for (h, v) in walk {
                    if self.set_contains_hashed(probe, h, v)? {
                        self.set_add_hashed(out, h, v)?;
                    }
                }
            }
            BinOp::Sub => {
                for (h, v) in xa {
                    if !self.set_contains_hashed(b, h, v)? {
                        self.set_add_hashed(out, h, v)?;
                    }
                }
            }
            _ => {
                for (h, v) in xa {
                    if !self.set_contains_hashed(b, h, v)? {
                        self.set_add_hashed(out, h, v)?;
                    }
                }
                for (h, v) in xb {
                    if !self.set_contains_hashed(a, h, v)? {
                        self.set_add_hashed(out, h, v)?;
                    }
                }
            }
        }
        Ok(Value::Obj(out))
    }

    /// A set's keys with their stored hashes.
    fn set_entries(&self, id: ObjId) -> Vec<(u64, Value)> {
        match self.heap.get(id) {
            Obj::Set(d) | Obj::FrozenSet(d) | Obj::Dict(d) => d.iter().map(|e| (e.hash, e.key)).collect(),
            _ => Vec::new(),
        }
    }

    pub(crate) fn set_items(&self, id: ObjId) -> Vec<Value> {
        match self.heap.get(id) {
            Obj::Set(d) | Obj::FrozenSet(d) | Obj::Dict(d) => d.keys(),
            _ => vec![],
        }
    }

    pub(crate) fn unary(&mut self, op: Op, v: Value) -> Result<(), Value> {
        let r = match (op, v) {
            (Op::Neg, Value::Int(i)) => match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => self.int_value(-BigInt::from(i)),
            },
            (Op::Neg, Value::Bool(b)) => Value::Int(-(b as i64)),
            (Op::Neg, Value::Float(f)) => self.made_float(-f),
            (Op::Pos, Value::Int(_) | Value::Float(_)) => v,
            (Op::Pos, Value::Bool(b)) => Value::Int(b as i64),
            (Op::Invert, Value::Int(i)) => Value::Int(!i),
            (Op::Invert, Value::Bool(b)) => Value::Int(!(b as i64)),
            _ => {
                if let Some(b) = self.big_of(v) {
                    match op {
                        Op::Neg => self.int_value(-b),
                        Op::Pos => v,
                        _ => self.int_value(-b - 1),
                    }
                } else {
                    let name = match op {
                        Op::Neg => "__neg__",
                        Op::Pos => "__pos__",
                        _ => "__invert__",
                    };
                    let s = self.names.intern(name);
                    if let Some(m) = self.lookup_user_special(v, s) {
                        return self.call_value(m, Args::one(v), ReturnTo::Push);
                    }
                    let sym = match op {
                        Op::Neg => "-",
                        Op::Pos => "+",
                        _ => "~",
                    };
                    let t = self.type_name(v);
                    return Err(self.type_error(format!("bad operand type for unary {sym}: '{t}'")));
                }
            }
        };
        self.push(r);
        Ok(())
    }

    /// Comparison operator.
    #[inline(never)]
    pub(crate) fn compare(&mut self, op: CmpOp, a: Value, b: Value) -> Result<(), Value> {
        match op {
            CmpOp::Is => {
                let r = self.is_same(a, b);
                self.push(Value::Bool(r));
                Ok(())
            }
            CmpOp::IsNot => {
                let r = !self.is_same(a, b);
                self.push(Value::Bool(r));
                Ok(())
            }
            CmpOp::In | CmpOp::NotIn => {
                if let Some(r) = self.contains_builtin(b, a)? {
                    self.push(Value::Bool(if op == CmpOp::In { r } else { !r }));
                    return Ok(());
                }
                if let Some(m) = self.lookup_user_special(b, self.sym.contains) {
                    let args = Args::new(&[b, a]);
                    return if op == CmpOp::In {
                        self.perform(
                            Action::CallThen { func: m, args, cont: ContKind::Truth },
                            ReturnTo::Push,
                        )
                    } else {
                        self.perform(Action::CallThen { func: m, args, cont: ContKind::Not }, ReturnTo::Push)
                    };
                }
                // No __contains__: search by iterating, as CPython does.
                let negate = op == CmpOp::NotIn;
                if let Some(iter) = self.get_iter_builtin(b)? {
                    let cont = ContKind::ContainsIter { iter, x: a, negate };
                    return self.perform(Action::NextThen { iter, cont }, ReturnTo::Push);
                }
                if let Some(m) = self.lookup_user_special(b, self.sym.iter) {
                    let args = Args::one(b);
                    let cont = ContKind::ContainsIter { iter: Value::None, x: a, negate };
                    return self.perform(Action::CallThen { func: m, args, cont }, ReturnTo::Push);
                }
                let t = self.type_name(b);
                Err(self.type_error(format!("argument of type '{t}' is not iterable")))
            }
            _ => {
                // Objects with Python comparison methods decide for themselves.
                if self.has_user_compare(a) || self.has_user_compare(b) {
                    let act = self.compare_step(op, a, b, 0)?;
                    return self.perform(act, ReturnTo::Push);
                }
                // Lists or tuples of such objects: item by item, through their methods.
                if !matches!(op, CmpOp::Eq | CmpOp::NotEq)
                    && self.same_kind_sequences(a, b)
                    && (self.orders_by_python(a) || self.orders_by_python(b))
                {
                    let act = self.seq_order(op, a, b, 0)?;
                    return self.perform(act, ReturnTo::Push);
                }
                let r = self.compare_builtin(op, a, b)?;
                self.push(Value::Bool(r));
                Ok(())
            }
        }
    }

    /// `x op y` (an ordering) as an action: through Python comparison methods where either side has
    /// them or is a list or tuple holding such objects, else builtin.
    pub(crate) fn order_action(&mut self, op: CmpOp, x: Value, y: Value) -> Result<Action, Value> {
        if self.has_user_compare(x) || self.has_user_compare(y) {
            return self.compare_step(op, x, y, 0);
        }
        if self.same_kind_sequences(x, y) && (self.orders_by_python(x) || self.orders_by_python(y)) {
            return self.seq_order(op, x, y, 0);
        }
        Ok(Action::Return(Value::Bool(self.compare_builtin(op, x, y)?)))
    }

    /// Two lists or two tuples `a op b`, item by item as CPython orders them: the first pair that is not
    /// equal decides (`__eq__`, then the operator, through Python methods where the items have them);
    /// when one runs out, the lengths do. `from`: the items before it are known equal.
    pub(crate) fn seq_order(&mut self, op: CmpOp, a: Value, b: Value, from: usize) -> Result<Action, Value> {
        let mut i = from;
        loop {
            let (Some(x), Some(y)) = (self.seq_item(a, i), self.seq_item(b, i)) else {
                let (la, lb) = (self.seq_len(a), self.seq_len(b));
                let r = match op {
                    CmpOp::Lt => la < lb,
                    CmpOp::LtE => la <= lb,
                    CmpOp::Gt => la > lb,
                    _ => la >= lb,
                };
                return Ok(Action::Return(Value::Bool(r)));
            };
            if self.orders_by_python(x) || self.orders_by_python(y) {
                let eq = self.compare_step(CmpOp::Eq, x, y, 0)?;
                return Ok(Action::Then { act: Box::new(eq), cont: ContKind::SeqOrder { op, a, b, i } });
            }
            if !self.compare_builtin(CmpOp::Eq, x, y)? {
                return self.order_action(op, x, y);
            }
            i += 1;
        }
    }

    /// Whether ordering `v` may call Python code: an object with comparison methods, or a list or tuple
    /// holding one (looked for a few levels down; deeper nesting orders as builtin values).
    pub(crate) fn orders_by_python(&self, v: Value) -> bool {
        fn look(vm: &Vm, v: Value, depth: u32) -> bool {
            let Value::Obj(id) = v else { return false };
            match vm.heap.get(id) {
                Obj::Instance(i) => {
                    i.base == Value::Unbound || vm.lookup_user_special(v, vm.sym.lt).is_some()
                }
                Obj::Greenlet(_) => true,
                Obj::List(items) | Obj::Tuple(items) if depth > 0 => {
                    items.iter().any(|&x| look(vm, x, depth - 1))
                }
                _ => false,
            }
        }
        look(self, v, 4)
    }

    fn same_kind_sequences(&self, a: Value, b: Value) -> bool {
        match (a, b) {
            (Value::Obj(x), Value::Obj(y)) => matches!(
                (self.heap.get(x), self.heap.get(y)),
                (Obj::List(_), Obj::List(_)) | (Obj::Tuple(_), Obj::Tuple(_))
            ),
            _ => false,
        }
    }

    /// Item `i` of a list or tuple (`None` past its end or for other values).
    pub(crate) fn seq_item(&self, v: Value, i: usize) -> Option<Value> {
        let Value::Obj(id) = v else { return None };
        match self.heap.get(id) {
            Obj::List(items) | Obj::Tuple(items) => items.get(i).copied(),
            _ => None,
        }
    }

    fn seq_len(&self, v: Value) -> usize {
        let Value::Obj(id) = v else { return 0 };
        match self.heap.get(id) {
            Obj::List(items) | Obj::Tuple(items) => items.len(),
            _ => 0,
        }
    }

    fn has_user_compare(&self, v: Value) -> bool {
        matches!(v, Value::Obj(id) if matches!(self.heap.get(id), Obj::Instance(_) | Obj::Greenlet(_)))
    }

    /// One stage of a rich comparison: 0 tries `a.__op__`, 1 tries `b.__rop__` (each result that is
    /// `NotImplemented` moves on), 2 is the default (identity for `==`/`!=`, else TypeError).
    pub(crate) fn compare_step(&mut self, op: CmpOp, a: Value, b: Value, stage: u8) -> Result<Action, Value> {
        let (name, rname) = match op {
            CmpOp::Eq => (self.sym.eq, self.sym.eq),
            CmpOp::NotEq => (self.sym.ne, self.sym.ne),
            CmpOp::Lt => (self.sym.lt, self.sym.gt),
            CmpOp::LtE => (self.sym.le, self.sym.ge),
            CmpOp::Gt => (self.sym.gt, self.sym.lt),
            _ => (self.sym.ge, self.sym.le),
        };
        let call = |m: Value, x: Value, y: Value, next: u8, negate: bool| Action::CallThen {
            func: m,
            args: Args::new(&[x, y]),
            cont: ContKind::Compare { op, a, b, stage: next, negate },
        };
        if stage == 0 {
            if let Some(m) = self.lookup_user_special(a, name) {
                return Ok(call(m, a, b, 1, false));
            }
            if op == CmpOp::NotEq {
                if let Some(m) = self.lookup_user_special(a, self.sym.eq) {
                    return Ok(call(m, a, b, 1, true));
                }
            }
        }
        if stage <= 1 {
            if let Some(m) = self.lookup_user_special(b, rname) {
                return Ok(call(m, b, a, 2, false));
            }
            if op == CmpOp::NotEq {
                if let Some(m) = self.lookup_user_special(b, self.sym.eq) {
                    return Ok(call(m, b, a, 2, true));
                }
            }
        }
        let r = self.compare_builtin(op, a, b)?;
        Ok(Action::Return(Value::Bool(r)))
    }

    pub(crate) fn is_same(&self, a: Value, b: Value) -> bool {
        match (a, b) {
            (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
            _ => a == b,
        }
    }

    /// Ordering and equality between builtin values.
    pub(crate) fn compare_builtin(&mut self, op: CmpOp, a: Value, b: Value) -> Result<bool, Value> {
        match op {
            CmpOp::Eq | CmpOp::NotEq => {
                let equal = self.eq(a, b);
                self.key_waiting()?;
                return Ok(equal == (op == CmpOp::Eq));
            }
            _ => {}
        }
        match self.order(a, b) {
            Some(o) => Ok(match op {
                CmpOp::Lt => o == std::cmp::Ordering::Less,
                CmpOp::LtE => o != std::cmp::Ordering::Greater,
                CmpOp::Gt => o == std::cmp::Ordering::Greater,
                _ => o != std::cmp::Ordering::Less,
            }),
            None => {
                // NaN compares false; sets order by inclusion.
                if let (Some(_), Some(_)) = (self.num_f64(a), self.num_f64(b)) {
                    return Ok(false);
                }
                if let (Value::Obj(x), Value::Obj(y)) = (a, b) {
                    if matches!(self.heap.get(x), Obj::Set(_) | Obj::FrozenSet(_))
                        && matches!(self.heap.get(y), Obj::Set(_) | Obj::FrozenSet(_))
                    {
                        let xs = self.set_items(x);
                        let ys = self.set_items(y);
                        let sub = xs.iter().all(|v| self.set_contains(y, *v).unwrap_or(false));
                        let sup = ys.iter().all(|v| self.set_contains(x, *v).unwrap_or(false));
                        return Ok(match op {
                            CmpOp::Lt => sub && xs.len() < ys.len(),
                            CmpOp::LtE => sub,
                            CmpOp::Gt => sup && xs.len() > ys.len(),
                            _ => sup,
                        });
                    }
                }
                let (ta, tb) = (self.type_name(a), self.type_name(b));
                Err(self.type_error(format!(
                    "'{}' not supported between instances of '{ta}' and '{tb}'",
                    cmp_symbol(op)
                )))
            }
        }
    }

    /// A total order where Python has one (numbers, strings, bytes, sequences of those).
    pub(crate) fn order(&self, a: Value, b: Value) -> Option<std::cmp::Ordering> {
        let d = self.compare_depth.get();
        if d > MAX_COMPARE_DEPTH {
            return None;
        }
        self.compare_depth.set(d + 1);
        let r = self.order_inner(a, b);
        self.compare_depth.set(d);
        r
    }

    fn order_inner(&self, a: Value, b: Value) -> Option<std::cmp::Ordering> {
        use std::cmp::Ordering;
        if let (Some(x), Some(y)) = (int_direct(a), int_direct(b)) {
            return Some(x.cmp(&y));
        }
        if self.is_int(a) && self.is_int(b) {
            return Some(self.big_of(a)?.cmp(&self.big_of(b)?));
        }
        if let (Some(x), Some(y)) = (self.num_f64(a), self.num_f64(b)) {
            return x.partial_cmp(&y);
        }
        let (Value::Obj(x), Value::Obj(y)) = (a, b) else {
            return None;
        };
        match (self.heap.get(x), self.heap.get(y)) {
            (Obj::Str(p), Obj::Str(q)) => Some(p.cmp(q)),
            (Obj::Bytes(p) | Obj::ByteArray(p), Obj::Bytes(q) | Obj::ByteArray(q)) => Some(p.cmp(q)),
            (Obj::List(p), Obj::List(q)) | (Obj::Tuple(p), Obj::Tuple(q)) => {
                for (u, v) in p.iter().zip(q.iter()) {
                    if !self.eq(*u, *v) {
                        return self.order(*u, *v);
                    }
                }
                Some(p.len().cmp(&q.len()))
            }
            // An int or str subclass orders as its value (the value is never itself an instance).
            _ if self.has_base(a) || self.has_base(b) => self.order_of_values(a, b),
            _ => {
                if x == y {
                    Some(Ordering::Equal)
                } else {
                    None
                }
            }
        }
    }

    /// Equality of int or str subclass instances by their values (out of line: `eq_inner` stays
    /// small enough to inline).
    #[inline(never)]
    fn eq_of_values(&self, a: Value, b: Value) -> bool {
        self.eq_inner(self.base_value(a), self.base_value(b))
    }

    /// Ordering of int or str subclass instances by their values (out of line, as `eq_of_values`).
    #[inline(never)]
    fn order_of_values(&self, a: Value, b: Value) -> Option<std::cmp::Ordering> {
        self.order_inner(self.base_value(a), self.base_value(b))
    }

    /// Structural equality of builtin values (objects compare by identity).
    pub(crate) fn eq(&self, a: Value, b: Value) -> bool {
        // Two strs (dict keys, mostly) compare their text, with no depth to count.
        if let (Value::Obj(x), Value::Obj(y)) = (a, b) {
            if let (Obj::Str(p), Obj::Str(q)) = (self.heap.get(x), self.heap.get(y)) {
                return p == q;
            }
        }
        let d = self.compare_depth.get();
        if d > MAX_COMPARE_DEPTH {
            return a == b;
        }
        self.compare_depth.set(d + 1);
        let r = self.eq_inner(a, b);
        self.compare_depth.set(d);
        r
    }

    fn eq_inner(&self, a: Value, b: Value) -> bool {
        if let (Some(x), Some(y)) = (int_direct(a), int_direct(b)) {
            return x == y;
        }
        match (a, b) {
            (Value::None, Value::None) => return true,
            (Value::Float(x), _) | (_, Value::Float(x)) => {
                let (Some(p), Some(q)) = (self.num_f64(a), self.num_f64(b)) else {
                    return false;
                };
                let _ = x;
                return p == q;
            }
            _ => {}
        }
        let (Value::Obj(x), Value::Obj(y)) = (a, b) else {
            if self.is_int(a) && self.is_int(b) {
                return self.big_of(a) == self.big_of(b);
            }
            return false;
        };
        if x == y {
            return true;
        }
        match (self.heap.get(x), self.heap.get(y)) {
            (Obj::Str(p), Obj::Str(q)) => p == q,
            (Obj::BigInt(p), Obj::BigInt(q)) => p == q,
            (Obj::Bytes(p) | Obj::ByteArray(p), Obj::Bytes(q) | Obj::ByteArray(q)) => p == q,
            (Obj::List(p), Obj::List(q)) | (Obj::Tuple(p), Obj::Tuple(q)) => {
                // Items with a Python `__eq__` are answered through the key retry (see `keys`).
                p.len() == q.len() && p.iter().zip(q.iter()).all(|(u, v)| self.key_eq(*u, *v))
            }
            (Obj::Dict(p), Obj::Dict(q)) => {
                p.len() == q.len()
                    && p.iter().all(|e| match self.dict_lookup(y, e.key) {
                        Ok(Some(v)) => self.key_eq(e.value, v),
                        _ => false,
                    })
            }
            (Obj::Set(p) | Obj::FrozenSet(p), Obj::Set(q) | Obj::FrozenSet(q)) => {
                p.len() == q.len() && p.iter().all(|e| self.set_contains(y, e.key).unwrap_or(false))
            }
            (Obj::Range { start: a1, stop: b1, step: c1 }, Obj::Range { start: a2, stop: b2, step: c2 }) => {
                // Ranges are equal when they are the same sequence.
                let (n1, n2) = (range_len(*a1, *b1, *c1), range_len(*a2, *b2, *c2));
                n1 == n2 && (n1 == 0 || (a1 == a2 && (n1 == 1 || c1 == c2)))
            }
            (Obj::Method { recv: r1, func: f1 }, Obj::Method { recv: r2, func: f2 }) => r1 == r2 && f1 == f2,
            // An int or str subclass equals its value (the value is never itself an instance).
            _ if self.has_base(a) || self.has_base(b) => self.eq_of_values(a, b),
            _ => false,
        }
    }

    /// Python's hash, for dict keys and sets.
    pub(crate) fn hash(&mut self, v: Value) -> Result<u64, Value> {
        Ok(match v {
            Value::None => 0xfcf4_0a31,
            Value::Bool(b) => b as u64,
            Value::Int(i) => hash_int(i) as u64,
            Value::Float(f) => hash_float(f) as u64,
            Value::Unbound => 0,
            Value::Obj(id) => match self.heap.get(id) {
                Obj::Str(s) => s.hash_value(),
                Obj::Bytes(b) => text_hash(b),
                Obj::BigInt(b) => hash_bigint(b) as u64,
                Obj::Tuple(items) => {
                    let items = items.clone();
                    let mut h: u64 = 0x345678;
                    for i in items {
                        let x = self.hash(i)?;
                        h = (h ^ x).wrapping_mul(1_000_003);
                    }
                    h
                }
                Obj::FrozenSet(d) => {
                    let mut h: u64 = 0;
                    for e in d.iter() {
                        h ^= e.hash.wrapping_mul(0x9e37_79b9_7f4a_7c15);
                    }
                    h
                }
                Obj::List(_) | Obj::Dict(_) | Obj::Set(_) | Obj::ByteArray(_) => {
                    let t = self.type_name(v);
                    return Err(self.type_error(format!("unhashable type: '{t}'")));
                }
                Obj::Instance(i) => match self.instance_key_hash(v, id, i.class) {
                    Some(h) => h?,
                    None => {
                        let t = self.type_name(v);
                        return Err(self.type_error(format!("unhashable type: '{t}'")));
                    }
                },
                _ => (id.0 as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15),
            },
        })
    }

    /// Truth of a value; `None` when a Python `__bool__`/`__len__` must decide.
    pub(crate) fn truthy(&mut self, v: Value) -> Result<Option<bool>, Value> {
        Ok(Some(match v {
            Value::None | Value::Unbound => false,
            Value::Bool(b) => b,
            Value::Int(i) => i != 0,
            Value::Float(f) => f != 0.0,
            Value::Obj(id) => match self.heap.get(id) {
                Obj::Str(s) => !s.is_empty(),
                Obj::Bytes(b) | Obj::ByteArray(b) => !b.is_empty(),
                Obj::BigInt(b) => !b.is_zero(),
                Obj::Tuple(t) | Obj::List(t) => !t.is_empty(),
                Obj::Dict(d) | Obj::Set(d) | Obj::FrozenSet(d) => !d.is_empty(),
                Obj::Range { start, stop, step } => range_len(*start, *stop, *step) > 0,
                Obj::Greenlet(g) => {
                    if self.lookup_user_special(v, self.sym.bool_).is_some() {
                        return Ok(None);
                    }
                    matches!(g.state, super::GreenletState::Active | super::GreenletState::Suspended)
                }
                Obj::Instance(i) => {
                    let base = i.base;
                    if self.lookup_user_special(v, self.sym.bool_).is_some()
                        || self.lookup_user_special(v, self.sym.len).is_some()
                    {
                        return Ok(None);
                    }
                    if base != Value::Unbound {
                        return self.truthy(base);
                    }
                    true
                }
                _ => true,
            },
        }))
    }

    /// `x in container` for builtin containers; `None` when the container is not one.
    pub(crate) fn contains_builtin(&mut self, container: Value, x: Value) -> Result<Option<bool>, Value> {
        let Value::Obj(id) = container else {
            return Ok(None);
        };
        Ok(Some(match self.heap.get(id) {
            Obj::MappingProxy(_) => {
                let d = self.proxy_snapshot(container).expect("a mappingproxy");
                return self.contains_builtin(d, x);
            }
            Obj::Str(s) => match self.str_of(x) {
                Some(sub) => s.contains(sub),
                None => {
                    let t = self.type_name(x);
                    return Err(
                        self.type_error(format!("'in <string>' requires string as left operand, not {t}"))
                    );
                }
            },
            Obj::Bytes(b) | Obj::ByteArray(b) => match x {
                Value::Int(i) => b.contains(&(i as u8)),
                Value::Obj(xi) => match self.heap.get(xi) {
                    Obj::Bytes(sub) => sub.is_empty() || b.windows(sub.len()).any(|w| w == &sub[..]),
                    _ => false,
                },
                _ => false,
            },
            Obj::List(items) | Obj::Tuple(items) => {
                let found = items.iter().any(|i| self.key_eq(*i, x));
                self.key_waiting()?;
                found
            }
            Obj::Dict(_) => self.dict_lookup(id, x)?.is_some(),
            Obj::DictView { dict, kind } => {
                let (dict, kind) = (*dict, *kind);
                match kind {
                    0 => self.dict_lookup(dict, x)?.is_some(),
                    1 => {
                        let vals: Vec<Value> = match self.heap.get(dict) {
                            Obj::Dict(d) => d.iter().map(|e| e.value).collect(),
                            _ => vec![],
                        };
                        vals.iter().any(|v| self.eq(*v, x))
                    }
                    _ => match self.seq_items(x) {
                        Some(kv) if kv.len() == 2 => {
                            matches!(self.dict_lookup(dict, kv[0])?, Some(v) if self.eq(v, kv[1]))
                        }
                        _ => false,
                    },
                }
            }
            Obj::Set(_) | Obj::FrozenSet(_) => self.set_contains(id, x)?,
            Obj::Range { start, stop, step } => match self.small_int(x) {
                Some(i) => {
                    let (start, stop, step) = (*start, *stop, *step);
                    if step > 0 {
                        i >= start && i < stop && (i - start) % step == 0
                    } else {
                        i <= start && i > stop && (start - i) % (-step) == 0
                    }
                }
                None => false,
            },
            Obj::Iter(_) | Obj::Generator(_) => {
                return Err(self.type_error("'in' over an iterator is not supported in ioplay"));
            }
            _ => return Ok(None),
        }))
    }

    // ---- dicts and sets ----

    pub(crate) fn dict_lookup(&self, d: ObjId, k: Value) -> Result<Option<Value>, Value> {
        let h = self.hash_ro(k)?;
        let Obj::Dict(dict) = self.heap.get(d) else {
            return Ok(None);
        };
        let found = dict.find(h, |kk| self.key_eq(kk, k));
        self.key_waiting()?;
        Ok(found.map(|n| dict.entry(n).value))
    }

    /// Hash without mutation (all builtin hashes are read-only; instances hash by id).
    pub(crate) fn hash_ro(&self, v: Value) -> Result<u64, Value> {
        // `hash` only allocates to raise; recompute through a clone-free path for the common kinds.
        let probe = || -> Option<u64> {
            Some(match v {
                Value::None => 0xfcf4_0a31,
                Value::Bool(b) => b as u64,
                Value::Int(i) => hash_int(i) as u64,
                Value::Obj(id) => match self.heap.get(id) {
                    Obj::Str(s) => s.hash_value(),
                    _ => return None,
                },
                _ => return None,
            })
        };
        if let Some(h) = probe() {
            return Ok(h);
        }
        let mut me = self.clone_for_hash();
        me.hash(v)
    }

    fn clone_for_hash(&self) -> HashView<'_> {
        HashView { vm: self }
    }

    pub(crate) fn dict_set(&mut self, d: ObjId, k: Value, v: Value) -> Result<(), Value> {
        let h = self.hash(k)?;
        let found = {
            let Obj::Dict(dict) = self.heap.get(d) else {
                return Ok(());
            };
            dict.find(h, |kk| self.key_eq(kk, k))
        };
        self.key_waiting()?;
        let Obj::Dict(dict) = self.heap.get_mut(d) else {
            return Ok(());
        };
        match found {
            Some(n) => dict.set_value(n, v),
            None => dict.insert_new(h, k, v),
        }
        Ok(())
    }

    pub(crate) fn dict_remove(&mut self, d: ObjId, k: Value) -> Result<Option<Value>, Value> {
        let h = self.hash(k)?;
        let found = {
            let (Obj::Dict(dict) | Obj::Set(dict)) = self.heap.get(d) else {
                return Ok(None);
            };
            dict.find(h, |kk| self.key_eq(kk, k))
        };
        self.key_waiting()?;
        let (Obj::Dict(dict) | Obj::Set(dict)) = self.heap.get_mut(d) else {
            return Ok(None);
        };
        Ok(found.map(|n| dict.remove_at(n).value))
    }

    pub(crate) fn set_add(&mut self, s: ObjId, k: Value) -> Result<(), Value> {
        let h = self.hash(k)?;
        self.set_add_hashed(s, h, k)
    }

    fn set_add_hashed(&mut self, s: ObjId, h: u64, k: Value) -> Result<(), Value> {
        let found = {
            let (Obj::Set(d) | Obj::FrozenSet(d)) = self.heap.get(s) else {
                return Ok(());
            };
            d.find(h, |kk| self.key_eq(kk, k))
        };
        self.key_waiting()?;
        if found.is_none() {
            if let Obj::Set(d) | Obj::FrozenSet(d) = self.heap.get_mut(s) {
                d.insert_new(h, k, Value::None);
            }
        }
        Ok(())
    }

    pub(crate) fn set_contains(&self, s: ObjId, k: Value) -> Result<bool, Value> {
        let h = self.hash_ro(k)?;
        self.set_contains_hashed(s, h, k)
    }

    fn set_contains_hashed(&self, s: ObjId, h: u64, k: Value) -> Result<bool, Value> {
        let (Obj::Set(d) | Obj::FrozenSet(d) | Obj::Dict(d)) = self.heap.get(s) else {
            return Ok(false);
        };
        let found = d.find(h, |kk| self.key_eq(kk, k));
        self.key_waiting()?;
        Ok(found.is_some())
    }

    // ---- subscripts ----

    pub(crate) fn getitem_op(&mut self, o: Value, k: Value) -> Result<(), Value> {
        if let Some(v) = self.getitem_builtin(o, k)? {
            self.push(v);
            return Ok(());
        }
        if let Some(m) = self.lookup_user_special(o, self.sym.getitem) {
            return self.call_value(m, Args::new(&[o, k]), ReturnTo::Push);
        }
        if let Value::Obj(id) = o {
            if let Obj::Class(_) = self.heap.get(id) {
                // `list[int]` in annotations.
                self.push(o);
                return Ok(());
            }
        }
        let t = self.type_name(o);
        Err(self.type_error(format!("'{t}' object is not subscriptable")))
    }

    pub(crate) fn index_of(&mut self, k: Value, len: usize, what: &str) -> Result<usize, Value> {
        let i = match k {
            Value::Int(i) => i,
            Value::Bool(b) => b as i64,
            Value::Obj(id) if matches!(self.heap.get(id), Obj::BigInt(_)) => i64::MAX,
            Value::Obj(_) if self.is_int(k) => return self.index_of(self.base_value(k), len, what),
            _ => {
                let t = self.type_name(k);
                return Err(self.type_error(format!("{what} indices must be integers or slices, not {t}")));
            }
        };
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            return Err(self.exc(ExcKind::IndexError, format!("{what} index out of range")));
        }
        Ok(j as usize)
    }

    pub(crate) fn getitem_builtin(&mut self, o: Value, k: Value) -> Result<Option<Value>, Value> {
        let Value::Obj(id) = o else { return Ok(None) };
        let is_slice = matches!(k, Value::Obj(kid) if matches!(self.heap.get(kid), Obj::Slice { .. }));
        match self.heap.get(id) {
            Obj::MappingProxy(_) => {
                let d = self.proxy_snapshot(o).expect("a mappingproxy");
                self.getitem_builtin(d, k)
            }
            Obj::List(items) | Obj::Tuple(items) => {
                let is_list = matches!(self.heap.get(id), Obj::List(_));
                if is_slice {
                    let idx = self.slice_indices(k, items.len())?;
                    let (Obj::List(items) | Obj::Tuple(items)) = self.heap.get(id) else { unreachable!() };
                    let out: Vec<Value> = idx.into_iter().map(|i| items[i]).collect();
                    return Ok(Some(if is_list { self.new_list(out) } else { self.new_tuple(out) }));
                }
                if let (Value::Int(i), true) = (k, true) {
                    let len = items.len() as i64;
                    let j = if i < 0 { i + len } else { i };
                    if j >= 0 && j < len {
                        return Ok(Some(items[j as usize]));
                    }
                }
                let len = items.len();
                let what = if is_list { "list" } else { "tuple" };
                let i = self.index_of(k, len, what)?;
                let (Obj::List(items) | Obj::Tuple(items)) = self.heap.get(id) else { unreachable!() };
                Ok(Some(items[i]))
            }
            Obj::Dict(_) => match self.dict_lookup(id, k)? {
                Some(v) => Ok(Some(v)),
                None => {
                    let e = self.new_exc_from(self.exc_class(ExcKind::KeyError), vec![k]);
                    Err(e)
                }
            },
            Obj::Str(s) => {
                // ASCII text is indexed by byte; other text by its chars, gathered once.
                let (ascii, len) = if s.is_ascii() { (true, s.len()) } else { (false, s.chars().count()) };
                let out = if is_slice {
                    let idx = self.slice_indices(k, len)?;
                    let Obj::Str(s) = self.heap.get(id) else { unreachable!() };
                    if ascii {
                        let bytes = s.as_bytes();
                        PyStr::from_chars(idx.iter().map(|&i| bytes[i] as char))
                    } else {
                        let chars: Vec<char> = s.chars().collect();
                        PyStr::from_chars(idx.iter().map(|&i| chars[i]))
                    }
                } else {
                    let i = self.index_of(k, len, "string")?;
                    let Obj::Str(s) = self.heap.get(id) else { unreachable!() };
                    if ascii {
                        PyStr::new(&s[i..i + 1])
                    } else {
                        PyStr::from_char(s.chars().nth(i).expect("index within the char count"))
                    }
                };
                Ok(Some(Value::Obj(self.heap.alloc(Obj::Str(out)))))
            }
            Obj::Bytes(b) | Obj::ByteArray(b) => {
                let b = b.clone();
                let is_ba = matches!(self.heap.get(id), Obj::ByteArray(_));
                if is_slice {
                    let idx = self.slice_indices(k, b.len())?;
                    let out: Vec<u8> = idx.into_iter().map(|i| b[i]).collect();
                    let o = if is_ba { Obj::ByteArray(out) } else { Obj::Bytes(out) };
                    return Ok(Some(Value::Obj(self.heap.alloc(o))));
                }
                let what = if is_ba { "bytearray" } else { "index" };
                let i = self.index_of(k, b.len(), what)?;
                Ok(Some(Value::Int(b[i] as i64)))
            }
            Obj::Range { start, stop, step } => {
                let (start, stop, step) = (*start, *stop, *step);
                let len = range_len(start, stop, step) as usize;
                if is_slice {
                    let (a, b, st) = self.slice_bounds(k, len)?;
                    let r = Obj::Range { start: start + step * a, stop: start + step * b, step: step * st };
                    return Ok(Some(Value::Obj(self.heap.alloc(r))));
                }
                let i = self.index_of(k, len, "range object")?;
                Ok(Some(Value::Int(start + step * i as i64)))
            }
            _ => Ok(None),
        }
    }

    /// A slice's (start, stop, step) for a sequence of `len` items, as `slice.indices` gives them.
    pub(crate) fn slice_bounds(&mut self, s: Value, len: usize) -> Result<(i64, i64, i64), Value> {
        let Value::Obj(id) = s else { return Ok((0, 0, 1)) };
        let Obj::Slice { start, stop, step } = self.heap.get(id) else {
            return Ok((0, 0, 1));
        };
        let (start, stop, step) = (*start, *stop, *step);
        let step = match step {
            Value::None => 1,
            v => match self.small_int(v) {
                Some(0) => return Err(self.value_error("slice step cannot be zero")),
                Some(s) => s,
                None => {
                    return Err(
                        self.type_error("slice indices must be integers or None or have an __index__ method")
                    )
                }
            },
        };
        let n = len as i64;
        let norm = |v: Value, def: i64, vm: &Vm| -> Option<i64> {
            match v {
                Value::None => Some(def),
                v => {
                    let i = vm.small_int(v)?;
                    let i = if i < 0 { i + n } else { i };
                    Some(if step > 0 { i.clamp(0, n) } else { i.clamp(-1, n - 1) })
                }
            }
        };
        let (lo, hi) = if step > 0 { (0, n) } else { (n - 1, -1) };
        match (norm(start, lo, self), norm(stop, hi, self)) {
            (Some(a), Some(b)) => Ok((a, b, step)),
            _ => Err(self.type_error("slice indices must be integers or None or have an __index__ method")),
        }
    }

    /// The indices a slice selects from a sequence of `len` items.
    pub(crate) fn slice_indices(&mut self, s: Value, len: usize) -> Result<Vec<usize>, Value> {
        let Value::Obj(id) = s else { return Ok(vec![]) };
        let Obj::Slice { start, stop, step } = self.heap.get(id) else {
            return Ok(vec![]);
        };
        let (start, stop, step) = (*start, *stop, *step);
        let step = match step {
            Value::None => 1,
            v => match self.small_int(v) {
                Some(0) => return Err(self.value_error("slice step cannot be zero")),
                Some(s) => s,
                None => {
                    return Err(
                        self.type_error("slice indices must be integers or None or have an __index__ method")
                    )
                }
            },
        };
        let len = len as i64;
        let clamp = |v: Value, def: i64, vm: &Vm| -> Result<i64, ()> {
            match v {
                Value::None => Ok(def),
                v => {
                    let i = vm.small_int(v).ok_or(())?;
                    let i = if i < 0 { i + len } else { i };
                    Ok(if step > 0 { i.clamp(0, len) } else { i.clamp(-1, len - 1) })
                }
            }
        };
        let (lo, hi) = if step > 0 { (0, len) } else { (len - 1, -1) };
        let (Ok(a), Ok(b)) = (clamp(start, lo, self), clamp(stop, hi, self)) else {
            return Err(self.type_error("slice indices must be integers or None or have an __index__ method"));
        };
        let mut out = Vec::new();
        let mut i = a;
        if step > 0 {
            while i < b {
                out.push(i as usize);
                i += step;
            }
        } else {
            while i > b {
                out.push(i as usize);
                i += step;
            }
        }
        Ok(out)
    }

    pub(crate) fn setitem_op(&mut self, o: Value, k: Value, v: Value) -> Result<(), Value> {
        if let Value::Obj(id) = o {
            match self.heap.get(id) {
                Obj::List(items) => {
                    let len = items.len();
                    if matches!(k, Value::Obj(kid) if matches!(self.heap.get(kid), Obj::Slice { .. })) {
                        let idx = self.slice_indices(k, len)?;
                        let (first, _, step) = self.slice_bounds(k, len)?;
                        let new = match self.seq_items(v) {
                            Some(n) => n,
                            None => return Err(self.type_error("can only assign an iterable")),
                        };
                        if step == 1 {
                            // A plain slice is replaced whole (it may grow or shrink the list).
                            let a = first.clamp(0, len as i64) as usize;
                            let b = idx.last().map(|&l| l + 1).unwrap_or(a).max(a);
                            if let Obj::List(items) = self.heap.get_mut(id) {
                                items.splice(a..b, new);
                            }
                        } else {
                            if new.len() != idx.len() {
                                return Err(self.value_error(format!(
                                    "attempt to assign sequence of size {} to extended slice of size {}",
                                    new.len(),
                                    idx.len()
                                )));
                            }
                            if let Obj::List(items) = self.heap.get_mut(id) {
                                for (i, x) in idx.into_iter().zip(new) {
                                    items[i] = x;
                                }
                            }
                        }
                        return Ok(());
                    }
                    let i = self.index_of(k, len, "list assignment")?;
                    if let Obj::List(items) = self.heap.get_mut(id) {
                        items[i] = v;
                    }
                    return Ok(());
                }
                Obj::Dict(_) => return self.dict_set(id, k, v),
                Obj::ByteArray(_) => return crate::py::modules::methods::bytearray_assign(self, id, k, v),
                _ => {}
            }
        }
        if let Some(m) = self.lookup_user_special(o, self.sym.setitem) {
            return self.call_value(m, Args::new(&[o, k, v]), ReturnTo::Discard);
        }
        let t = self.type_name(o);
        Err(self.type_error(format!("'{t}' object does not support item assignment")))
    }

    pub(crate) fn delitem_op(&mut self, o: Value, k: Value) -> Result<(), Value> {
        if let Value::Obj(id) = o {
            match self.heap.get(id) {
                Obj::List(items) => {
                    let len = items.len();
                    if matches!(k, Value::Obj(kid) if matches!(self.heap.get(kid), Obj::Slice { .. })) {
                        let mut idx = self.slice_indices(k, len)?;
                        idx.sort_unstable();
                        if let Obj::List(items) = self.heap.get_mut(id) {
                            for i in idx.into_iter().rev() {
                                items.remove(i);
                            }
                        }
                        return Ok(());
                    }
                    let i = self.index_of(k, len, "list assignment")?;
                    if let Obj::List(items) = self.heap.get_mut(id) {
                        items.remove(i);
                    }
                    return Ok(());
                }
                Obj::ByteArray(b) => {
                    let len = b.len();
                    let mut idx = if matches!(k, Value::Obj(kid) if matches!(self.heap.get(kid), Obj::Slice { .. }))
                    {
                        self.slice_indices(k, len)?
                    } else {
                        vec![self.index_of(k, len, "bytearray")?]
                    };
                    idx.sort_unstable();
                    if let Obj::ByteArray(b) = self.heap.get_mut(id) {
                        for i in idx.into_iter().rev() {
                            b.remove(i);
                        }
                    }
                    return Ok(());
                }
                Obj::Dict(_) => {
                    return match self.dict_remove(id, k)? {
                        Some(_) => Ok(()),
                        None => Err(self.new_exc_from(self.exc_class(ExcKind::KeyError), vec![k])),
                    };
                }
                _ => {}
            }
        }
        if let Some(m) = self.lookup_user_special(o, self.sym.delitem) {
            return self.call_value(m, Args::new(&[o, k]), ReturnTo::Discard);
        }
        let t = self.type_name(o);
        // CPython words it differently for a mappingproxy (a mapping) than for a sequence.
        let verb = if t == "mappingproxy" { "does not" } else { "doesn't" };
        Err(self.type_error(format!("'{t}' object {verb} support item deletion")))
    }

    // ---- iteration ----

    /// The items of a list or tuple (or other builtin finite container), without running Python.
    pub(crate) fn seq_items(&self, v: Value) -> Option<Vec<Value>> {
        let Value::Obj(id) = v else { return None };
        match self.heap.get(id) {
            Obj::List(t) | Obj::Tuple(t) => Some(t.clone()),
            Obj::Dict(d) => Some(d.keys()),
            Obj::Set(_) | Obj::FrozenSet(_) => Some(self.set_order(id)),
            Obj::DictView { dict, kind: 0 } => self.seq_items(Value::Obj(*dict)),
            Obj::DictView { dict, kind: 1 } => match self.heap.get(*dict) {
                Obj::Dict(d) => Some(d.iter().map(|e| e.value).collect()),
                _ => None,
            },
            Obj::Range { start, stop, step } => {
                let (start, step) = (*start, *step);
                let n = range_len(start, *stop, step);
                if n as usize > MAX_SEQUENCE / 16 {
                    return None; // iterated instead, under the collector's limit
                }
                Some((0..n).map(|i| Value::Int(start + i * step)).collect())
            }
            _ => None,
        }
    }

    /// `iter(v)` for builtin iterables; objects get `__iter__` called.
    pub(crate) fn get_iter_op(&mut self, v: Value) -> Result<(), Value> {
        match self.get_iter_builtin(v)? {
            Some(it) => {
                self.push(it);
                Ok(())
            }
            None => match self.lookup_user_special(v, self.sym.iter) {
                Some(m) => self.call_value(m, Args::one(v), ReturnTo::Push),
                None => {
                    if self.lookup_user_special(v, self.sym.getitem).is_some() {
                        return Err(
                            self.type_error("iteration through __getitem__ is not supported in ioplay")
                        );
                    }
                    let t = self.type_name(v);
                    Err(self.type_error(format!("'{t}' object is not iterable")))
                }
            },
        }
    }

    /// An iterator over a builtin iterable, or `None` for objects.
    pub(crate) fn get_iter_builtin(&mut self, v: Value) -> Result<Option<Value>, Value> {
        let Value::Obj(id) = v else {
            let t = self.type_name(v);
            return Err(self.type_error(format!("'{t}' object is not iterable")));
        };
        let st = match self.heap.get(id) {
            Obj::MappingProxy(_) => {
                let d = self.proxy_snapshot(v).expect("a mappingproxy");
                return self.get_iter_builtin(d);
            }
            Obj::List(_) | Obj::Tuple(_) | Obj::Bytes(_) | Obj::ByteArray(_) => {
                IterState::Seq { seq: v, pos: 0 }
            }
            Obj::Str(_) => IterState::Str { s: id, pos: 0 },
            Obj::Dict(d) => IterState::DictKeys { dict: id, pos: 0, size: d.len() },
            Obj::DictView { dict, kind } => {
                let (dict, kind) = (*dict, *kind);
                let size = match self.heap.get(dict) {
                    Obj::Dict(d) => d.len(),
                    _ => 0,
                };
                match kind {
                    0 => IterState::DictKeys { dict, pos: 0, size },
                    1 => IterState::DictValues { dict, pos: 0, size },
                    _ => IterState::DictItems { dict, pos: 0, size },
                }
            }
            Obj::Set(_) | Obj::FrozenSet(_) => {
                let keys = self.set_order(id);
                let t = self.new_tuple(keys);
                IterState::Seq { seq: t, pos: 0 }
            }
            Obj::Range { start, stop, step } => IterState::Range { next: *start, stop: *stop, step: *step },
            Obj::Iter(_) | Obj::Generator(_) => return Ok(Some(v)),
            Obj::Instance(_) | Obj::Greenlet(_) => {
                if self.lookup_user_special(v, self.sym.iter).is_none()
                    && self.lookup_user_special(v, self.sym.getitem).is_some()
                {
                    IterState::GetItem { obj: v, index: 0 }
                } else {
                    return Ok(None);
                }
            }
            _ => {
                let t = self.type_name(v);
                return Err(self.type_error(format!("'{t}' object is not iterable")));
            }
        };
        Ok(Some(Value::Obj(self.heap.alloc(Obj::Iter(st)))))
    }

    /// `iter(v)` from a native: an iterator value, or an error for objects that need `__iter__` called.
    pub(crate) fn get_iter(&mut self, v: Value) -> Result<Value, Value> {
        match self.get_iter_builtin(v)? {
            Some(it) => Ok(it),
            None => {
                let t = self.type_name(v);
                Err(self.type_error(format!("'{t}' object is not iterable")))
            }
        }
    }

    /// One step of a builtin iterator.
    pub(crate) fn builtin_next(&mut self, id: ObjId) -> Result<NextStep, Value> {
        let Obj::Iter(st) = self.heap.get_mut(id) else { unreachable!() };
        match st {
            IterState::Range { next, stop, step } => {
                let v = *next;
                if (*step > 0 && v < *stop) || (*step < 0 && v > *stop) {
                    *next = v + *step;
                    return Ok(NextStep::Item(Value::Int(v)));
                }
                Ok(NextStep::Done)
            }
            IterState::Seq { seq, pos } => {
                let (seq, p) = (*seq, *pos);
                let Value::Obj(sid) = seq else {
                    return Ok(NextStep::Done);
                };
                let item = match self.heap.get(sid) {
                    Obj::List(t) | Obj::Tuple(t) => t.get(p).copied(),
                    Obj::Bytes(b) | Obj::ByteArray(b) => b.get(p).map(|x| Value::Int(*x as i64)),
                    _ => None,
                };
                let Obj::Iter(st) = self.heap.get_mut(id) else { unreachable!() };
                match item {
                    Some(v) => {
                        if let IterState::Seq { pos, .. } = st {
                            *pos += 1;
                        }
                        Ok(NextStep::Item(v))
                    }
                    None => {
                        *st = IterState::Exhausted;
                        Ok(NextStep::Done)
                    }
                }
            }
            IterState::Reversed { seq, pos } => {
                let (seq, p) = (*seq, *pos);
                if p == 0 {
                    *st = IterState::Exhausted;
                    return Ok(NextStep::Done);
                }
                let Value::Obj(sid) = seq else {
                    return Ok(NextStep::Done);
                };
                let item = match self.heap.get(sid) {
                    Obj::List(t) | Obj::Tuple(t) => t.get(p - 1).copied(),
                    _ => None,
                };
                if let Obj::Iter(IterState::Reversed { pos, .. }) = self.heap.get_mut(id) {
                    *pos -= 1;
                }
                Ok(item.map(NextStep::Item).unwrap_or(NextStep::Done))
            }
            IterState::Str { s, pos } => {
                let (s, p) = (*s, *pos);
                let Obj::Str(text) = self.heap.get(s) else {
                    return Ok(NextStep::Done);
                };
                match text[p..].chars().next() {
                    Some(c) => {
                        let n = c.len_utf8();
                        if let Obj::Iter(IterState::Str { pos, .. }) = self.heap.get_mut(id) {
                            *pos += n;
                        }
                        Ok(NextStep::Item(Value::Obj(self.heap.alloc(Obj::Str(PyStr::from_char(c))))))
                    }
                    None => Ok(NextStep::Done),
                }
            }
            IterState::DictKeys { dict, pos, size }
            | IterState::DictValues { dict, pos, size }
            | IterState::DictItems { dict, pos, size } => {
                let (d, p, size) = (*dict, *pos, *size);
                let which = match st {
                    IterState::DictKeys { .. } => 0,
                    IterState::DictValues { .. } => 1,
                    _ => 2,
                };
                let (Obj::Dict(dict) | Obj::Set(dict)) = self.heap.get(d) else {
                    return Ok(NextStep::Done);
                };
                if dict.len() != size {
                    *self.heap.get_mut(id) = Obj::Iter(IterState::Exhausted);
                    return Err(self.exc(ExcKind::RuntimeError, "dictionary changed size during iteration"));
                }
                match dict.next_from(p) {
                    Some((slot, e)) => {
                        let (k, v) = (e.key, e.value);
                        if let Obj::Iter(
                            IterState::DictKeys { pos, .. }
                            | IterState::DictValues { pos, .. }
                            | IterState::DictItems { pos, .. },
                        ) = self.heap.get_mut(id)
                        {
                            *pos = slot + 1;
                        }
                        Ok(NextStep::Item(match which {
                            0 => k,
                            1 => v,
                            _ => self.new_tuple(vec![k, v]),
                        }))
                    }
                    None => Ok(NextStep::Done),
                }
            }
            IterState::Exhausted => Ok(NextStep::Done),
            IterState::Enumerate { inner: Value::None, .. }
            | IterState::Filter { inner: Value::None, .. } => Ok(NextStep::Done),
            IterState::Map { inners, .. } if inners.is_empty() => Ok(NextStep::Done),
            IterState::Enumerate { inner, .. } => {
                let inner = *inner;
                Ok(NextStep::NextOf { iter: inner, cont: ContKind::Adapt { adaptor: id, got: vec![] } })
            }
            IterState::Zip { inners } => {
                let first = inners.first().copied();
                match first {
                    None => Ok(NextStep::Done),
                    Some(f) => {
                        Ok(NextStep::NextOf { iter: f, cont: ContKind::Adapt { adaptor: id, got: vec![] } })
                    }
                }
            }
            IterState::Map { inners, .. } => {
                let f = inners[0];
                Ok(NextStep::NextOf { iter: f, cont: ContKind::Adapt { adaptor: id, got: vec![] } })
            }
            IterState::Filter { inner, .. } => {
                let inner = *inner;
                Ok(NextStep::NextOf { iter: inner, cont: ContKind::Adapt { adaptor: id, got: vec![] } })
            }
            IterState::GetItem { obj, index } => {
                let (obj, i) = (*obj, *index);
                *index += 1;
                let func = self.lookup_special(obj, self.sym.getitem).expect("made for __getitem__");
                Ok(NextStep::Call {
                    func,
                    args: Args::new(&[obj, Value::Int(i)]),
                    cont: ContKind::GetItemIter { adaptor: id },
                })
            }
            IterState::Callable { func, .. } => {
                let func = *func;
                Ok(NextStep::Call {
                    func,
                    args: Args::default(),
                    cont: ContKind::Adapt { adaptor: id, got: vec![] },
                })
            }
        }
    }

    /// Unpacking `a, b = v`: lists and tuples directly, other iterables by collecting them.
    pub(crate) fn unpack_op(&mut self, v: Value, n: u32, star: Option<(u32, u32)>) -> Result<(), Value> {
        match self.seq_items(v) {
            Some(items) => {
                let out = self.unpack_items(items, n, star)?;
                let f = self.frames.last_mut().expect("frame");
                f.stack.extend(out.into_iter().rev());
                Ok(())
            }
            _ => {
                let finish = match star {
                    None => Collected::Unpack { n },
                    Some((before, after)) => Collected::UnpackEx { before, after },
                };
                let act = match self.get_iter_builtin(v) {
                    Ok(Some(iter)) => {
                        Action::NextThen { iter, cont: ContKind::Collect { iter, acc: vec![], finish } }
                    }
                    // A class's `__iter__` makes the iterator first.
                    Ok(None) if self.lookup_user_special(v, self.sym.iter).is_some() => {
                        let func = self.lookup_user_special(v, self.sym.iter).expect("just found");
                        let args = Args::one(v);
                        Action::CallThen { func, args, cont: ContKind::StartCollect { finish } }
                    }
                    Ok(None) | Err(_) => {
                        let t = self.type_name(v);
                        return Err(self.type_error(format!("cannot unpack non-iterable {t} object")));
                    }
                };
                self.perform(act, ReturnTo::Discard)
            }
        }
    }

    /// Checks counts and builds the values to store, in target order.
    pub(crate) fn unpack_items(
        &mut self,
        items: Vec<Value>,
        n: u32,
        star: Option<(u32, u32)>,
    ) -> Result<Vec<Value>, Value> {
        match star {
            None => {
                if items.len() < n as usize {
                    return Err(self.value_error(format!(
                        "not enough values to unpack (expected {n}, got {})",
                        items.len()
                    )));
                }
                if items.len() > n as usize {
                    return Err(self.value_error(format!("too many values to unpack (expected {n})")));
                }
                Ok(items)
            }
            Some((before, after)) => {
                let (b, a) = (before as usize, after as usize);
                if items.len() < b + a {
                    return Err(self.value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        b + a,
                        items.len()
                    )));
                }
                let mut out = items[..b].to_vec();
                let mid = items[b..items.len() - a].to_vec();
                out.push(self.new_list(mid));
                out.extend_from_slice(&items[items.len() - a..]);
                Ok(out)
            }
        }
    }

    /// `len(v)` for builtin values.
    pub(crate) fn len_builtin(&self, v: Value) -> Option<usize> {
        let Value::Obj(id) = v else { return None };
        Some(match self.heap.get(id) {
            Obj::Str(s) => {
                if s.is_ascii() {
                    s.len()
                } else {
                    s.chars().count()
                }
            }
            Obj::Bytes(b) | Obj::ByteArray(b) => b.len(),
            Obj::List(t) | Obj::Tuple(t) => t.len(),
            Obj::Dict(d) | Obj::Set(d) | Obj::FrozenSet(d) => d.len(),
            Obj::Range { start, stop, step } => range_len(*start, *stop, *step) as usize,
            Obj::DictView { dict, .. } => match self.heap.get(*dict) {
                Obj::Dict(d) => d.len(),
                _ => 0,
            },
            Obj::MappingProxy(cls) => match self.heap.get(*cls) {
                Obj::Class(c) => c.attrs.len(),
                _ => 0,
            },
            Obj::Instance(i)
                if i.base != Value::Unbound && self.lookup_user_special(v, self.sym.len).is_none() =>
            {
                return self.len_builtin(i.base)
            }
            _ => return None,
        })
    }

    pub(crate) fn kind_of(&self, cls: ObjId) -> Kind {
        match self.heap.get(cls) {
            Obj::Class(c) => c.kind,
            _ => Kind::Object,
        }
    }
}

/// A read-only view that can compute hashes of nested tuples without `&mut`.
struct HashView<'a> {
    vm: &'a Vm,
}

impl HashView<'_> {
    fn hash(&mut self, v: Value) -> Result<u64, Value> {
        let vm = self.vm;
        Ok(match v {
            Value::None => 0xfcf4_0a31,
            Value::Bool(b) => b as u64,
            Value::Int(i) => hash_int(i) as u64,
            Value::Float(f) => hash_float(f) as u64,
            Value::Unbound => 0,
            Value::Obj(id) => match vm.heap.get(id) {
                Obj::Str(s) => s.hash_value(),
                Obj::Bytes(b) => text_hash(b),
                Obj::BigInt(b) => hash_bigint(b) as u64,
                Obj::Tuple(items) => {
                    let mut h: u64 = 0x345678;
                    for i in items.clone() {
                        let x = self.hash(i)?;
                        h = (h ^ x).wrapping_mul(1_000_003);
                    }
                    h
                }
                Obj::FrozenSet(d) => {
                    let mut h: u64 = 0;
                    for e in d.iter() {
                        h ^= e.hash.wrapping_mul(0x9e37_79b9_7f4a_7c15);
                    }
                    h
                }
                Obj::Instance(i) => match vm.instance_key_hash(v, id, i.class) {
                    Some(h) => h?,
                    // Unhashable keys are never stored, so a lookup just misses.
                    None => (id.0 as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15),
                },
                // Unhashable kinds are never stored, so a lookup just misses.
                _ => (id.0 as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15),
            },
        })
    }
}

pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 && start < stop {
        (stop - start + step - 1) / step
    } else if step < 0 && start > stop {
        (start - stop - step - 1) / (-step)
    } else {
        0
    }
}

#[cfg(test)]
mod float_identity_tests {
    use super::super::super::value::Value;
    use super::Vm;

    #[test]
    fn a_value_stays_two_words() {
        // Float identity lives in the NaN payload, not in a field: the VM's hot paths copy 16 bytes.
        assert_eq!(std::mem::size_of::<Value>(), 16);
    }

    #[test]
    fn each_nan_made_is_its_own_object_and_other_floats_are_their_value() {
        let mut vm = Vm::new(vec![]);
        let (a, b) = (vm.made_float(f64::NAN), vm.made_float(-f64::NAN));
        assert!(vm.is_same(a, a) && !vm.is_same(a, b));
        assert!(matches!(b, Value::Float(f) if f.is_nan() && f.is_sign_negative()));
        let (x, y) = (vm.made_float(1.5), vm.made_float(1.5));
        assert!(vm.is_same(x, y));
    }
}
