//! The builtin classes (`int`, `str`, `list`, the exception hierarchy, …) and the names the VM looks up
//! often, interned once.

use super::super::heap::Heap;
use super::super::value::{AttrMap, Class, Interner, Kind, Obj, ObjId, Sym, Value};

macro_rules! syms {
    ($($field:ident = $text:expr),* $(,)?) => {
        /// Names the VM looks up by symbol.
        #[derive(Clone, Debug)]
        pub struct Syms { $(pub $field: Sym,)* }
        impl Syms {
            pub fn new(n: &mut Interner) -> Syms {
                Syms { $($field: n.intern($text),)* }
            }
        }
    };
}

syms! {
    init = "__init__", new = "__new__", call = "__call__", str_ = "__str__", repr = "__repr__",
    eq = "__eq__", ne = "__ne__", lt = "__lt__", le = "__le__", gt = "__gt__", ge = "__ge__",
    hash = "__hash__", len = "__len__", iter = "__iter__", next = "__next__",
    getitem = "__getitem__", setitem = "__setitem__", delitem = "__delitem__",
    contains = "__contains__", enter = "__enter__", exit = "__exit__", bool_ = "__bool__",
    getattr = "__getattr__", name = "__name__", qualname = "__qualname__", module = "__module__",
    class = "__class__", dict = "__dict__", doc = "__doc__", args = "args", errno = "errno",
    strerror = "strerror", value = "value", send = "send", code = "code", bases = "__bases__",
    mro = "__mro__", cause = "__cause__", context = "__context__", traceback = "__traceback__",
    run = "run", setattr = "__setattr__", delattr = "__delattr__",
}

macro_rules! types {
    ($($field:ident : $name:expr, $kind:ident;)*) => {
        /// The builtin classes, made when the VM starts.
        #[derive(Clone, Debug)]
        pub struct Types {
            $(pub $field: ObjId,)*
            pub exceptions: Vec<(ObjId, super::exc::ExcKind)>,
        }
        impl Types {
            pub fn new(heap: &mut Heap, names: &mut Interner) -> Types {
                let object = new_class(heap, names, "object", &[], Kind::Object);
                $(let $field = if $name == "object" { object } else {
                    new_class(heap, names, $name, &[object], Kind::$kind)
                };)*
                let mut t = Types { $($field,)* exceptions: Vec::new() };
                t.exceptions = super::exc::make_hierarchy(heap, names, object);
                t
            }

            pub fn trace(&self, out: &mut Vec<Value>) {
                $(out.push(Value::Obj(self.$field));)*
                out.extend(self.exceptions.iter().map(|e| Value::Obj(e.0)));
            }
        }
    };
}

types! {
    object: "object", Object;
    type_: "type", Type;
    none: "NoneType", NoneType;
    bool_: "bool", Bool;
    int: "int", Int;
    float: "float", Float;
    str_: "str", Str;
    bytes: "bytes", Bytes;
    bytearray: "bytearray", ByteArray;
    tuple: "tuple", Tuple;
    list: "list", List;
    dict: "dict", Dict;
    set: "set", Set;
    frozenset: "frozenset", FrozenSet;
    range: "range", Range;
    slice: "slice", Slice;
    function: "function", Function;
    builtin_function: "builtin_function_or_method", BuiltinFunction;
    method: "method", Method;
    module: "module", Module;
    generator: "generator", Generator;
    greenlet: "greenlet", Greenlet;
    iterator: "iterator", Iterator;
    property: "property", Property;
    staticmethod: "staticmethod", StaticMethod;
    classmethod: "classmethod", ClassMethod;
    super_: "super", Super;
    cell: "cell", Cell;
    not_implemented: "NotImplementedType", NotImplementedType;
    ellipsis: "ellipsis", Ellipsis;
    code: "code", Object;
    dict_keys: "dict_keys", Iterator;
    dict_values: "dict_values", Iterator;
    dict_items: "dict_items", Iterator;
    enumerate: "enumerate", Iterator;
    zip: "zip", Iterator;
    map: "map", Iterator;
    filter: "filter", Iterator;
    mappingproxy: "mappingproxy", Iterator;
}

impl Types {
    /// The class of a builtin object whose methods programs call most, named without `class_of`'s
    /// second look at the object; `None` for the others.
    #[inline]
    pub fn of_builtin_receiver(&self, o: &Obj) -> Option<ObjId> {
        Some(match o {
            Obj::Str(_) => self.str_,
            Obj::List(_) => self.list,
            Obj::Dict(_) => self.dict,
            Obj::Tuple(_) => self.tuple,
            Obj::Set(_) => self.set,
            Obj::Bytes(_) => self.bytes,
            _ => return None,
        })
    }
}

/// Makes a builtin class with a single-inheritance MRO.
pub fn new_class(heap: &mut Heap, _names: &mut Interner, name: &str, bases: &[ObjId], kind: Kind) -> ObjId {
    let mut mro = Vec::new();
    if let Some(&b) = bases.first() {
        if let Obj::Class(c) = heap.get(b) {
            mro = c.mro.clone();
        }
    }
    let id = heap.alloc(Obj::Free);
    mro.insert(0, id);
    *heap.get_mut(id) = Obj::Class(Box::new(Class {
        name: name.to_string(),
        qualname: name.to_string(),
        bases: bases.to_vec(),
        mro,
        attrs: AttrMap::default(),
        kind,
        module: "builtins".into(),
    }));
    id
}
