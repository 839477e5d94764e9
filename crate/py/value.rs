//! Python values: small ones unboxed in [`Value`], everything else an [`Obj`] in the arena heap.
//!
//! A value names a heap object by index ([`ObjId`]), so the whole machine is a plain `Clone`, `id()` is
//! the index (deterministic), and the memory budget is a count of live objects.

use std::collections::HashMap;
use std::rc::Rc;

use num_bigint::BigInt;

use super::bytecode::Code;
pub use super::pystr::PyStr;

/// An index into the heap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjId(pub u32);

/// A Python value. `Unbound` never reaches a program: it marks an empty local slot.
///
/// A whole-word tag puts every payload at offset 8, so a copy is two aligned words: with a one-byte
/// tag the compiler copies bytes 1..16 as two overlapping words (`Bool` lives at byte 1), which stalls
/// store-to-load forwarding on every push and pop of the VM's stacks (measured: a quarter of the tight
/// loop's cycles).
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(u64)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Obj(ObjId),
    Unbound,
}

/// An interned name (attribute, variable, keyword): compared as a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sym(pub u32);

/// The table of interned names. Looked up by string, never iterated as a map.
#[derive(Clone, Default, Debug)]
pub struct Interner {
    names: Vec<Rc<str>>,
    index: HashMap<Rc<str>, Sym>,
}

impl Interner {
    pub fn intern(&mut self, name: &str) -> Sym {
        if let Some(&s) = self.index.get(name) {
            return s;
        }
        let rc: Rc<str> = Rc::from(name);
        let s = Sym(self.names.len() as u32);
        self.names.push(rc.clone());
        self.index.insert(rc, s);
        s
    }

    pub fn lookup(&self, name: &str) -> Option<Sym> {
        self.index.get(name).copied()
    }

    pub fn name(&self, s: Sym) -> &str {
        &self.names[s.0 as usize]
    }
}

/// Attributes of a module, class or instance, in insertion order (what `vars()` and `dir()` show).
/// Small maps are scanned; a big one (module globals, the builtins, a builtin type's methods) also
/// keeps an open-addressing index of entry numbers, probed by the symbol's number: a global or method
/// look-up is a multiply and a compare or two.
#[derive(Clone, Default, Debug)]
pub struct AttrMap {
    entries: Vec<(Sym, Value)>,
    /// Slot → entry number (`NO_ENTRY` when free); empty while the map is small, else a power of two
    /// at least twice as long as `entries`.
    index: Vec<u32>,
}

/// Entries up to which a scan beats probing the index.
const ATTR_INDEX_FROM: usize = 8;
const NO_ENTRY: u32 = u32::MAX;

impl AttrMap {
    #[inline]
    pub fn get(&self, k: Sym) -> Option<Value> {
        self.position(k).map(|i| self.entries[i].1)
    }

    #[inline]
    fn position(&self, k: Sym) -> Option<usize> {
        if self.index.is_empty() {
            return self.entries.iter().position(|e| e.0 == k);
        }
        let mask = self.index.len() - 1;
        let mut slot = index_slot(k, mask);
        loop {
            match self.index[slot] {
                NO_ENTRY => return None,
                e if self.entries[e as usize].0 == k => return Some(e as usize),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    pub fn set(&mut self, k: Sym, v: Value) {
        match self.position(k) {
            Some(i) => self.entries[i].1 = v,
            None => {
                self.entries.push((k, v));
                if self.entries.len() * 2 > self.index.len() {
                    if self.entries.len() > ATTR_INDEX_FROM {
                        self.reindex();
                    }
                } else {
                    self.index_entry(self.entries.len() - 1);
                }
            }
        }
    }

    pub fn remove(&mut self, k: Sym) -> Option<Value> {
        let i = self.position(k)?;
        let v = self.entries.remove(i).1;
        if !self.index.is_empty() {
            self.reindex();
        }
        Some(v)
    }

    /// Builds the index afresh for the entries there are (none while the map is small).
    fn reindex(&mut self) {
        self.index.clear();
        if self.entries.len() <= ATTR_INDEX_FROM {
            return;
        }
        let size = (self.entries.len() * 2).next_power_of_two().max(16);
        self.index.resize(size, NO_ENTRY);
        for n in 0..self.entries.len() {
            self.index_entry(n);
        }
    }

    fn index_entry(&mut self, n: usize) {
        let mask = self.index.len() - 1;
        let mut slot = index_slot(self.entries[n].0, mask);
        while self.index[slot] != NO_ENTRY {
            slot = (slot + 1) & mask;
        }
        self.index[slot] = n as u32;
    }

    pub fn iter(&self) -> impl Iterator<Item = &(Sym, Value)> {
        self.entries.iter()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Where a symbol's probe starts: Fibonacci hashing spreads the small, dense symbol numbers.
#[inline]
fn index_slot(k: Sym, mask: usize) -> usize {
    (k.0.wrapping_mul(0x9e37_79b9) >> 12) as usize & mask
}

#[cfg(test)]
mod attr_map_tests {
    use super::{AttrMap, Sym, Value};

    /// Sets and removals in a scrambled order, checked after each against a plain list: the index
    /// must find every entry, lose none, and keep insertion order.
    #[test]
    fn the_index_agrees_with_a_scan_through_growth_and_removal() {
        let mut map = AttrMap::default();
        let mut model: Vec<(Sym, Value)> = Vec::new();
        let mut x: u32 = 12345;
        for step in 0..3000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let k = Sym((x >> 8) % 97);
            if step % 5 == 4 {
                let expect = model.iter().position(|e| e.0 == k).map(|i| model.remove(i).1);
                assert_eq!(map.remove(k), expect);
            } else {
                let v = Value::Int(step);
                match model.iter_mut().find(|e| e.0 == k) {
                    Some(e) => e.1 = v,
                    None => model.push((k, v)),
                }
                map.set(k, v);
            }
            assert_eq!(map.iter().copied().collect::<Vec<_>>(), model);
            for probe in 0..100 {
                let want = model.iter().find(|e| e.0 == Sym(probe)).map(|e| e.1);
                assert_eq!(map.get(Sym(probe)), want);
            }
        }
    }
}

/// A Python dict (and, with unit values, a set): insertion-ordered entries plus an open-addressing
/// index of entry numbers. Hashing and key equality are the caller's (they need the heap).
#[derive(Clone, Default, Debug)]
pub struct Dict {
    entries: Vec<Option<DictEntry>>,
    table: Vec<u32>,
    len: usize,
}

#[derive(Clone, Copy, Debug)]
pub struct DictEntry {
    pub hash: u64,
    pub key: Value,
    pub value: Value,
}

const EMPTY: u32 = u32::MAX;
const DELETED: u32 = u32::MAX - 1;

impl Dict {
    pub fn len(&self) -> usize {
        self.len
    }

    /// Bytes its entries and index table hold (for the memory budget).
    pub fn footprint(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Option<DictEntry>>() + self.table.capacity() * 4
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The entry number holding a key with this hash for which `eq` says true.
    pub fn find(&self, hash: u64, mut eq: impl FnMut(Value) -> bool) -> Option<usize> {
        if self.table.is_empty() {
            return None;
        }
        let mask = self.table.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            match self.table[i] {
                EMPTY => return None,
                DELETED => {}
                e => {
                    let ent = self.entries[e as usize].as_ref().expect("indexed entry is live");
                    if ent.hash == hash && eq(ent.key) {
                        return Some(e as usize);
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    pub fn entry(&self, n: usize) -> &DictEntry {
        self.entries[n].as_ref().expect("live entry")
    }

    pub fn set_value(&mut self, n: usize, v: Value) {
        self.entries[n].as_mut().expect("live entry").value = v;
    }

    /// Appends a key known to be absent.
    pub fn insert_new(&mut self, hash: u64, key: Value, value: Value) {
        if (self.entries.len() + 1) * 3 >= self.table.len() * 2 {
            self.grow();
        }
        let n = self.entries.len() as u32;
        self.entries.push(Some(DictEntry { hash, key, value }));
        self.len += 1;
        let mask = self.table.len() - 1;
        let mut i = hash as usize & mask;
        while self.table[i] != EMPTY && self.table[i] != DELETED {
            i = (i + 1) & mask;
        }
        self.table[i] = n;
    }

    pub fn remove_at(&mut self, n: usize) -> DictEntry {
        let ent = self.entries[n].take().expect("live entry");
        let mask = self.table.len() - 1;
        let mut i = ent.hash as usize & mask;
        while self.table[i] != n as u32 {
            i = (i + 1) & mask;
        }
        self.table[i] = DELETED;
        self.len -= 1;
        ent
    }

    fn grow(&mut self) {
        let live: Vec<DictEntry> = self.entries.drain(..).flatten().collect();
        let mut size = 8;
        while size * 2 <= (live.len() + 1) * 3 {
            size *= 2;
        }
        self.table = vec![EMPTY; size * 2];
        self.len = 0;
        for e in live {
            self.insert_new(e.hash, e.key, e.value);
        }
    }

    pub fn clear(&mut self) {
        *self = Dict::default();
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &DictEntry> {
        self.entries.iter().flatten()
    }

    /// The live entry at or after slot `pos`, for iterators that survive across steps.
    pub fn next_from(&self, mut pos: usize) -> Option<(usize, &DictEntry)> {
        while pos < self.entries.len() {
            if let Some(e) = &self.entries[pos] {
                return Some((pos, e));
            }
            pos += 1;
        }
        None
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key).collect()
    }
}

/// A Python function: code plus the environment it closes over.
#[derive(Clone, Debug)]
pub struct Function {
    pub code: Rc<Code>,
    pub globals: ObjId,
    pub defaults: Vec<Value>,
    /// Keyword-only defaults, by parameter name.
    pub kwdefaults: Vec<(Sym, Value)>,
    pub closure: Vec<ObjId>,
    pub name: String,
    pub qualname: String,
    pub attrs: AttrMap,
}

/// A class, builtin or user-defined.
#[derive(Clone, Debug)]
pub struct Class {
    pub name: String,
    pub qualname: String,
    pub bases: Vec<ObjId>,
    /// The method resolution order, starting with the class itself.
    pub mro: Vec<ObjId>,
    pub attrs: AttrMap,
    /// Which builtin layout instances of this class have (an exception, a list, …), inherited.
    pub kind: Kind,
    pub module: String,
}

/// The layout of a builtin type's instances; user classes inherit their base's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Object,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    ByteArray,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Function,
    BuiltinFunction,
    Method,
    Type,
    Module,
    Generator,
    Greenlet,
    Iterator,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
    Cell,
    Exception,
    NotImplementedType,
    Ellipsis,
}

/// An instance of a user class (or of an exception class).
#[derive(Clone, Debug)]
pub struct Instance {
    pub class: ObjId,
    pub attrs: AttrMap,
    pub exc: Option<Box<ExcData>>,
    /// For an instance of a subclass of `int` or `str` (`class F(int)`, an `IntEnum` member): the builtin
    /// value it stands for, which operators, hashing and natives see. `Unbound` for other instances.
    pub base: Value,
    /// The live `__dict__`, once a program has asked for it: from then on the attributes live in this
    /// dict (as CPython keeps them) and `attrs` stays empty.
    pub dict: Option<ObjId>,
}

impl Instance {
    pub fn new(class: ObjId) -> Instance {
        Instance { class, attrs: AttrMap::default(), exc: None, base: Value::Unbound, dict: None }
    }
}

/// What an exception carries besides its attributes.
#[derive(Clone, Debug, Default)]
pub struct ExcData {
    pub args: Vec<Value>,
    /// Frames the exception passed through, innermost first: (code, instruction index).
    pub traceback: Vec<(Rc<Code>, u32)>,
    pub cause: Option<Value>,
    pub context: Option<Value>,
    pub suppress_context: bool,
}

/// A native function: Rust code that returns an action instead of calling back into the VM.
#[derive(Clone, Copy)]
pub struct Native {
    pub name: &'static str,
    pub f: super::vm::NativeFn,
}

impl std::fmt::Debug for Native {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<native {}>", self.name)
    }
}

/// Iterators over builtin containers; a position that survives across steps.
#[derive(Clone, Debug)]
pub enum IterState {
    Seq {
        seq: Value,
        pos: usize,
    },
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    DictKeys {
        dict: ObjId,
        pos: usize,
        /// The dict's size when iteration began: a change is an error, as in CPython.
        size: usize,
    },
    DictValues {
        dict: ObjId,
        pos: usize,
        /// The dict's size when iteration began: a change is an error, as in CPython.
        size: usize,
    },
    DictItems {
        dict: ObjId,
        pos: usize,
        /// The dict's size when iteration began: a change is an error, as in CPython.
        size: usize,
    },
    Str {
        s: ObjId,
        pos: usize,
    },
    Enumerate {
        inner: Value,
        count: i64,
    },
    Zip {
        inners: Vec<Value>,
    },
    Map {
        func: Value,
        inners: Vec<Value>,
    },
    Filter {
        func: Value,
        inner: Value,
    },
    Reversed {
        seq: Value,
        pos: usize,
    },
    /// An object iterated through `__getitem__(0)`, `__getitem__(1)`, … until IndexError.
    GetItem {
        obj: Value,
        index: i64,
    },
    /// `iter(callable, sentinel)`.
    Callable {
        func: Value,
        sentinel: Value,
    },
    Exhausted,
}

/// A heap object.
#[derive(Clone, Debug)]
pub enum Obj {
    Str(PyStr),
    Bytes(Vec<u8>),
    ByteArray(Vec<u8>),
    BigInt(BigInt),
    Tuple(Vec<Value>),
    List(Vec<Value>),
    Dict(Dict),
    Set(Dict),
    FrozenSet(Dict),
    Range {
        start: i64,
        stop: i64,
        step: i64,
    },
    Slice {
        start: Value,
        stop: Value,
        step: Value,
    },
    Function(Box<Function>),
    Native(Native),
    /// A native bound to its receiver: `"a".upper`, `[].append`.
    NativeMethod {
        recv: Value,
        native: Native,
    },
    Method {
        recv: Value,
        func: Value,
    },
    Class(Box<Class>),
    Instance(Box<Instance>),
    Module {
        name: String,
        attrs: AttrMap,
    },
    Cell(Value),
    Iter(IterState),
    Generator(Box<super::vm::Generator>),
    Greenlet(Box<super::vm::Greenlet>),
    Property {
        get: Value,
        set: Value,
        del: Value,
    },
    StaticMethod(Value),
    ClassMethod(Value),
    Super {
        class: ObjId,
        recv: Value,
    },
    Code(Rc<Code>),
    /// `d.keys()` (0), `d.values()` (1), `d.items()` (2): live views of a dict.
    DictView {
        dict: ObjId,
        kind: u8,
    },
    /// `vars(Cls)`, `Cls.__dict__`: a read-only live view of a class's attributes.
    MappingProxy(ObjId),
    NotImplemented,
    Ellipsis,
    /// A freed slot.
    Free,
}
