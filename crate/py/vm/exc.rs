//! Exception objects: the standard hierarchy, and helpers natives use to raise them.

use super::super::heap::Heap;
use super::super::value::{ExcData, Instance, Interner, Kind, Obj, ObjId, Value};
use super::types::new_class;
use super::Vm;
use crate::sys::Errno;

macro_rules! exc_kinds {
    ($($kind:ident : $parent:expr;)*) => {
        /// The builtin exception classes, parent before child.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum ExcKind { $($kind,)* }
        const EXC_TABLE: &[(ExcKind, &str, Option<ExcKind>)] = &[
            $((ExcKind::$kind, stringify!($kind), $parent),)*
        ];
    };
}

exc_kinds! {
    BaseException: None;
    SystemExit: Some(ExcKind::BaseException);
    KeyboardInterrupt: Some(ExcKind::BaseException);
    GeneratorExit: Some(ExcKind::BaseException);
    Exception: Some(ExcKind::BaseException);
    StopIteration: Some(ExcKind::Exception);
    ArithmeticError: Some(ExcKind::Exception);
    ZeroDivisionError: Some(ExcKind::ArithmeticError);
    OverflowError: Some(ExcKind::ArithmeticError);
    AssertionError: Some(ExcKind::Exception);
    AttributeError: Some(ExcKind::Exception);
    EOFError: Some(ExcKind::Exception);
    ImportError: Some(ExcKind::Exception);
    ModuleNotFoundError: Some(ExcKind::ImportError);
    LookupError: Some(ExcKind::Exception);
    IndexError: Some(ExcKind::LookupError);
    KeyError: Some(ExcKind::LookupError);
    MemoryError: Some(ExcKind::Exception);
    NameError: Some(ExcKind::Exception);
    UnboundLocalError: Some(ExcKind::NameError);
    OSError: Some(ExcKind::Exception);
    BlockingIOError: Some(ExcKind::OSError);
    ConnectionError: Some(ExcKind::OSError);
    BrokenPipeError: Some(ExcKind::ConnectionError);
    ConnectionAbortedError: Some(ExcKind::ConnectionError);
    ConnectionRefusedError: Some(ExcKind::ConnectionError);
    ConnectionResetError: Some(ExcKind::ConnectionError);
    InterruptedError: Some(ExcKind::OSError);
    TimeoutError: Some(ExcKind::OSError);
    FileNotFoundError: Some(ExcKind::OSError);
    PermissionError: Some(ExcKind::OSError);
    RuntimeError: Some(ExcKind::Exception);
    RecursionError: Some(ExcKind::RuntimeError);
    NotImplementedError: Some(ExcKind::RuntimeError);
    TypeError: Some(ExcKind::Exception);
    ValueError: Some(ExcKind::Exception);
    UnicodeError: Some(ExcKind::ValueError);
    UnicodeDecodeError: Some(ExcKind::UnicodeError);
    UnicodeEncodeError: Some(ExcKind::UnicodeError);
    GreenletExit: Some(ExcKind::BaseException);
}

/// Makes every builtin exception class; returns them in `ExcKind` order.
pub fn make_hierarchy(heap: &mut Heap, names: &mut Interner, object: ObjId) -> Vec<(ObjId, ExcKind)> {
    let mut out: Vec<(ObjId, ExcKind)> = Vec::new();
    for &(kind, name, parent) in EXC_TABLE {
        let base = match parent {
            None => object,
            Some(p) => out[p as usize].0,
        };
        let c = new_class(heap, names, name, &[base], Kind::Exception);
        if kind == ExcKind::GreenletExit {
            if let Obj::Class(cl) = heap.get_mut(c) {
                cl.module = "greenlet".into();
            }
        }
        out.push((c, kind));
    }
    out
}

/// The OSError subclass CPython picks for an errno.
pub fn oserror_subclass(errno: i64) -> Option<ExcKind> {
    Some(match errno {
        11 | 114 | 115 => ExcKind::BlockingIOError,
        32 => ExcKind::BrokenPipeError,
        103 => ExcKind::ConnectionAbortedError,
        111 => ExcKind::ConnectionRefusedError,
        104 => ExcKind::ConnectionResetError,
        4 => ExcKind::InterruptedError,
        110 => ExcKind::TimeoutError,
        2 => ExcKind::FileNotFoundError,
        1 | 13 => ExcKind::PermissionError,
        _ => return None,
    })
}

impl ExcKind {
    pub fn all() -> impl Iterator<Item = (ExcKind, &'static str)> {
        EXC_TABLE.iter().map(|e| (e.0, e.1))
    }
}

impl Vm {
    pub fn exc_class(&self, k: ExcKind) -> ObjId {
        self.types.exceptions[k as usize].0
    }

    /// A new exception instance of class `cls` with these args.
    pub fn new_exc_from(&mut self, cls: ObjId, args: Vec<Value>) -> Value {
        Value::Obj(self.heap.alloc(Obj::Instance(Box::new(Instance {
            exc: Some(Box::new(ExcData { args, ..Default::default() })),
            ..Instance::new(cls)
        }))))
    }

    /// An exception with one message argument, as natives raise them.
    pub fn exc(&mut self, k: ExcKind, msg: impl AsRef<str>) -> Value {
        let m = self.new_str(msg.as_ref());
        self.new_exc_from(self.exc_class(k), vec![m])
    }

    /// `MemoryError()`: CPython raises it without arguments.
    pub fn memory_error(&mut self) -> Value {
        self.new_exc_from(self.exc_class(ExcKind::MemoryError), vec![])
    }

    pub fn type_error(&mut self, msg: impl AsRef<str>) -> Value {
        self.exc(ExcKind::TypeError, msg)
    }

    pub fn value_error(&mut self, msg: impl AsRef<str>) -> Value {
        self.exc(ExcKind::ValueError, msg)
    }

    /// `OSError(errno, strerror)` as the right subclass, with `errno` and `strerror` set.
    pub fn os_error(&mut self, e: Errno) -> Value {
        let k = oserror_subclass(e.code() as i64).unwrap_or(ExcKind::OSError);
        let msg = self.new_str(e.strerror());
        let exc = self.new_exc_from(self.exc_class(k), vec![Value::Int(e.code() as i64), msg]);
        self.set_os_error_attrs(exc);
        exc
    }

    /// Sets `errno`/`strerror` from the first two args, as `OSError.__init__` does.
    pub(crate) fn set_os_error_attrs(&mut self, exc: Value) {
        let Value::Obj(id) = exc else { return };
        let (errno, strerror) = match self.heap.get(id) {
            Obj::Instance(i) => match &i.exc {
                Some(e) if e.args.len() >= 2 => (e.args[0], e.args[1]),
                _ => (Value::None, Value::None),
            },
            _ => return,
        };
        let (se, ss) = (self.sym.errno, self.sym.strerror);
        if let Obj::Instance(i) = self.heap.get_mut(id) {
            i.attrs.set(se, errno);
            i.attrs.set(ss, strerror);
        }
    }

    /// `UnicodeDecodeError`/`UnicodeEncodeError(encoding, object, start, end, reason)` with those five
    /// attributes set, as a codec raises it (the object is the bytes or str being converted).
    pub fn unicode_error(
        &mut self,
        k: ExcKind,
        encoding: &str,
        object: Value,
        err: &crate::py::unicode::codecs::CodecError,
    ) -> Value {
        let enc = self.new_str(encoding);
        let reason = self.new_str(err.reason);
        let args = vec![enc, object, Value::Int(err.start as i64), Value::Int(err.end as i64), reason];
        let exc = self.new_exc_from(self.exc_class(k), args);
        self.set_unicode_error_attrs(exc);
        exc
    }

    /// Sets `encoding`, `object`, `start`, `end` and `reason` from the five args, as
    /// `UnicodeDecodeError.__init__` does.
    pub(crate) fn set_unicode_error_attrs(&mut self, exc: Value) {
        let Value::Obj(id) = exc else { return };
        let args = match self.exc_data(exc) {
            Some(d) if d.args.len() == 5 => d.args.clone(),
            _ => return,
        };
        let names = ["encoding", "object", "start", "end", "reason"].map(|n| self.names.intern(n));
        if let Obj::Instance(i) = self.heap.get_mut(id) {
            for (n, v) in names.into_iter().zip(args) {
                i.attrs.set(n, v);
            }
        }
    }

    pub(crate) fn exc_data(&self, v: Value) -> Option<&ExcData> {
        match v {
            Value::Obj(id) => match self.heap.get(id) {
                Obj::Instance(i) => i.exc.as_deref(),
                _ => None,
            },
            _ => None,
        }
    }

    pub(crate) fn exc_data_mut(&mut self, v: Value) -> Option<&mut ExcData> {
        match v {
            Value::Obj(id) => match self.heap.get_mut(id) {
                Obj::Instance(i) => i.exc.as_deref_mut(),
                _ => None,
            },
            _ => None,
        }
    }

    /// Is `v` an instance of the builtin exception `k` (or a subclass)?
    pub fn is_exc(&self, v: Value, k: ExcKind) -> bool {
        let cls = self.class_of(v);
        self.is_subclass(cls, self.exc_class(k))
    }

    /// Is `cls` an exception class?
    pub(crate) fn is_exc_class(&self, cls: ObjId) -> bool {
        self.is_subclass(cls, self.exc_class(ExcKind::BaseException))
    }

    /// The name of an exception's class, as tracebacks print it (`module.Name` outside builtins/__main__).
    pub(crate) fn exc_type_name(&self, v: Value) -> String {
        let cls = self.class_of(v);
        match self.heap.get(cls) {
            Obj::Class(c) if c.module != "builtins" && c.module != "__main__" => {
                format!("{}.{}", c.module, c.qualname)
            }
            Obj::Class(c) => c.qualname.clone(),
            _ => "?".into(),
        }
    }
}
