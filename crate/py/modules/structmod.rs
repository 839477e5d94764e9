//! `struct`, as CPython 3.11's: `pack`, `unpack`, `calcsize`, `unpack_from`, `pack_into`,
//! `iter_unpack`, the `Struct` class and `struct.error`, with CPython's sizes, alignment (native mode
//! `@` aligns as x86-64 does) and error messages. Network programs use it for length prefixes and
//! headers (`struct.pack("!I", len(data))`).
//!
//! Left out: the half-float format `e` (a format using it is `struct.error: bad char in struct format`).

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::builtins::big;
use crate::py::value::{Instance, Kind, Obj, ObjId, Value};
use crate::py::vm::{types_new_class, Action, Args, ExcKind, Vm};

type R = Result<Action, Value>;

/// Byte order and whether sizes and alignment are the machine's (`@`) or the standard ones.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Native,
    Little,
    Big,
}

#[derive(Clone, Copy)]
struct Field {
    code: u8,
    /// Repeat count; for `s` and `p`, the byte length of the one field.
    count: usize,
    size: usize,
    offset: usize,
}

/// A parsed format: its fields with their offsets, and the total size.
struct Layout {
    mode: Mode,
    fields: Vec<Field>,
    size: usize,
}

impl Layout {
    /// How many values `pack` takes and `unpack` gives.
    fn values(&self) -> usize {
        self.fields.iter().map(|f| if matches!(f.code, b's' | b'p') { 1 } else { f.count }).sum()
    }
}

/// The size of one item of `code`, or None for a code the mode does not have.
fn item_size(code: u8, native: bool) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    })
}

fn parse(format: &str) -> Result<Layout, &'static str> {
    let bytes = format.as_bytes();
    let (mode, native, mut i) = match bytes.first() {
        Some(b'@') => (Mode::Native, true, 1),
        Some(b'=') | Some(b'<') => (Mode::Little, false, 1),
        Some(b'>') | Some(b'!') => (Mode::Big, false, 1),
        _ => (Mode::Native, true, 0),
    };
    let mut fields = Vec::new();
    let mut offset = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count = None;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            let d = (bytes[i] - b'0') as usize;
            count = Some(
                count
                    .unwrap_or(0usize)
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(d))
                    .ok_or("total struct size too long")?,
            );
            i += 1;
        }
        let Some(&code) = bytes.get(i) else { return Err("repeat count given without format specifier") };
        i += 1;
        let size = item_size(code, native).ok_or("bad char in struct format")?;
        let count = count.unwrap_or(1);
        if native && !matches!(code, b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p') {
            offset = offset.div_ceil(size) * size;
        }
        fields.push(Field { code, count, size, offset });
        offset = offset.checked_add(size * count).ok_or("total struct size too long")?;
    }
    Ok(Layout { mode, fields, size: offset })
}

pub fn module(vm: &mut Vm) -> ObjId {
    let m = vm.new_module("struct");
    let exception = vm.exc_class(ExcKind::Exception);
    let error = types_new_class(vm, "error", exception, Kind::Exception, "struct");
    vm.set_attr_raw(m, "error", Value::Obj(error));
    vm.def_native(m, "struct.pack", pack);
    vm.def_native(m, "struct.unpack", unpack);
    vm.def_native(m, "struct.unpack_from", unpack_from);
    vm.def_native(m, "struct.pack_into", pack_into);
    vm.def_native(m, "struct.iter_unpack", iter_unpack);
    vm.def_native(m, "struct.calcsize", calcsize);
    let object = vm.types.object;
    let class = types_new_class(vm, "Struct", object, Kind::Object, "_struct");
    vm.def_native(class, "Struct.__init__", struct_init);
    for &(name, method) in STRUCT_METHODS {
        vm.def_native(class, name, method);
    }
    vm.set_attr_raw(m, "Struct", Value::Obj(class));
    m
}

/// `struct.error(msg)`.
fn error(vm: &mut Vm, msg: impl AsRef<str>) -> Value {
    let class = vm.loaded_module_attr("struct", "error").expect("struct.error is made with the module");
    let Value::Obj(class) = class else { unreachable!("struct.error is a class") };
    let text = vm.new_str(msg.as_ref());
    vm.new_exc_from(class, vec![text])
}

/// The format argument (str or bytes), parsed.
fn layout(vm: &mut Vm, v: Option<Value>) -> Result<(Layout, String), Value> {
    let v = v.ok_or_else(|| vm.type_error("missing required argument 'format' (pos 1)"))?;
    let text = match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Str(s) => Some(s.to_string()),
            Obj::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
            _ => None,
        },
        _ => None,
    };
    let Some(text) = text else {
        let t = vm.type_name(v);
        return Err(vm.type_error(format!("Struct() argument 1 must be a str or bytes object, not {t}")));
    };
    match parse(&text) {
        Ok(l) => Ok((l, text)),
        Err(msg) => Err(error(vm, msg)),
    }
}

fn buffer(vm: &mut Vm, v: Option<Value>) -> Result<Vec<u8>, Value> {
    let v = v.ok_or_else(|| vm.type_error("missing required argument 'buffer' (pos 2)"))?;
    if let Value::Obj(id) = v {
        if let Obj::Bytes(b) | Obj::ByteArray(b) = vm.heap.get(id) {
            return Ok(b.clone());
        }
    }
    let t = vm.type_name(v);
    Err(vm.type_error(format!("a bytes-like object is required, not '{t}'")))
}

fn put_uint(out: &mut [u8], x: u64, size: usize, mode: Mode) {
    let le = x.to_le_bytes();
    for (k, byte) in le[..size].iter().enumerate() {
        let at = if mode == Mode::Big { size - 1 - k } else { k };
        out[at] = *byte;
    }
}

fn get_uint(bytes: &[u8], mode: Mode) -> u64 {
    let mut x = 0u64;
    for k in 0..bytes.len() {
        let byte = if mode == Mode::Big { bytes[k] } else { bytes[bytes.len() - 1 - k] };
        x = (x << 8) | byte as u64;
    }
    x
}

/// One integer field's value, range-checked with CPython's messages (which differ by code and mode).
fn int_field(vm: &mut Vm, v: Value, code: u8, size: usize, native: bool) -> Result<u64, Value> {
    let Some(n) = big(vm, v) else { return Err(error(vm, "required argument is not an integer")) };
    let signed = code.is_ascii_lowercase();
    let small = matches!(code, b'b' | b'B' | b'h' | b'H');
    let bits = size as u32 * 8;
    let (lo, hi): (BigInt, BigInt) = if signed {
        (-(BigInt::from(1) << (bits - 1)), (BigInt::from(1) << (bits - 1)) - 1)
    } else {
        (BigInt::from(0), (BigInt::from(1) << bits) - 1)
    };
    if small {
        if n < lo || n > hi {
            let name = match code {
                b'b' => "byte",
                b'B' => "ubyte",
                b'h' => "short",
                _ => "ushort",
            };
            return Err(error(vm, format!("{name} format requires {lo} <= number <= {hi}")));
        }
    } else {
        // CPython first converts to a C long (signed) or unsigned long: out of that, "out of range".
        let fits_c = if signed { n.to_i64().is_some() } else { n.to_u64().is_some() };
        let native_unsigned = native && !signed && code != b'?';
        if !fits_c || (native_unsigned && n.to_u64().is_none()) {
            return Err(error(vm, "argument out of range"));
        }
        if n < lo || n > hi {
            return Err(error(vm, format!("'{}' format requires {lo} <= number <= {hi}", code as char)));
        }
    }
    Ok(if signed { n.to_i64().expect("in range") as u64 } else { n.to_u64().expect("in range") })
}

fn float_field(vm: &mut Vm, v: Value, code: u8) -> Result<f64, Value> {
    let Some(x) = vm.as_f64(v) else { return Err(error(vm, "required argument is not a float")) };
    if code == b'f' && x.is_finite() && (x as f32).is_infinite() {
        return Err(vm.exc(ExcKind::OverflowError, "float too large to pack with f format"));
    }
    Ok(x)
}

fn bytes_field(vm: &mut Vm, v: Value, code: u8) -> Result<Vec<u8>, Value> {
    if let Value::Obj(id) = v {
        if let Obj::Bytes(b) | Obj::ByteArray(b) = vm.heap.get(id) {
            return Ok(b.clone());
        }
    }
    Err(error(vm, format!("argument for '{}' must be a bytes object", code as char)))
}

fn pack_values(vm: &mut Vm, layout: &Layout, values: &[Value]) -> Result<Vec<u8>, Value> {
    if values.len() != layout.values() {
        let (want, got) = (layout.values(), values.len());
        return Err(error(vm, format!("pack expected {want} items for packing (got {got})")));
    }
    let native = layout.mode == Mode::Native;
    let mut out = vec![0u8; layout.size];
    let mut next = values.iter().copied();
    for f in &layout.fields {
        match f.code {
            b'x' => {}
            b's' | b'p' => {
                let data = bytes_field(vm, next.next().expect("counted"), f.code)?;
                let dest = &mut out[f.offset..f.offset + f.count];
                if f.code == b's' {
                    let n = data.len().min(f.count);
                    dest[..n].copy_from_slice(&data[..n]);
                } else if f.count > 0 {
                    let n = data.len().min(f.count - 1).min(255);
                    dest[0] = n as u8;
                    dest[1..1 + n].copy_from_slice(&data[..n]);
                }
            }
            code => {
                for k in 0..f.count {
                    let v = next.next().expect("counted");
                    let at = f.offset + k * f.size;
                    let dest = &mut out[at..at + f.size];
                    match code {
                        b'c' => match bytes_field(vm, v, code) {
                            Ok(b) if b.len() == 1 => dest[0] = b[0],
                            _ => return Err(error(vm, "char format requires a bytes object of length 1")),
                        },
                        b'?' => dest[0] = vm.truthy(v)?.unwrap_or(true) as u8,
                        b'f' => {
                            let x = float_field(vm, v, code)? as f32;
                            put_uint(dest, x.to_bits() as u64, 4, layout.mode);
                        }
                        b'd' => put_uint(dest, float_field(vm, v, code)?.to_bits(), 8, layout.mode),
                        _ => {
                            let x = int_field(vm, v, code, f.size, native)?;
                            put_uint(dest, x, f.size, layout.mode);
                        }
                    }
                }
            }
        }
    }
    Ok(out)
}

fn unpack_values(vm: &mut Vm, layout: &Layout, data: &[u8]) -> Value {
    let mut items = Vec::with_capacity(layout.values());
    for f in &layout.fields {
        match f.code {
            b'x' => {}
            b's' => items.push(bytes_value(vm, data[f.offset..f.offset + f.count].to_vec())),
            b'p' => {
                let field = &data[f.offset..f.offset + f.count];
                let n = field.first().map_or(0, |&n| (n as usize).min(f.count.saturating_sub(1)));
                items.push(bytes_value(vm, field.get(1..1 + n).unwrap_or(&[]).to_vec()));
            }
            code => {
                for k in 0..f.count {
                    let at = f.offset + k * f.size;
                    let raw = get_uint(&data[at..at + f.size], layout.mode);
                    items.push(match code {
                        b'c' => bytes_value(vm, vec![raw as u8]),
                        b'?' => Value::Bool(raw != 0),
                        b'f' => Value::Float(f32::from_bits(raw as u32) as f64),
                        b'd' => Value::Float(f64::from_bits(raw)),
                        c if c.is_ascii_lowercase() => {
                            let shift = 64 - f.size as u32 * 8;
                            Value::Int(((raw << shift) as i64) >> shift)
                        }
                        _ => vm.int_value(BigInt::from(raw)),
                    });
                }
            }
        }
    }
    vm.new_tuple(items)
}

/// `pack(format, v1, v2, ...)`.
fn pack(vm: &mut Vm, a: Args) -> R {
    let (layout, _) = layout(vm, a.get(0))?;
    let packed = pack_values(vm, &layout, a.pos.get(1..).unwrap_or(&[]))?;
    Ok(Action::Return(bytes_value(vm, packed)))
}

/// `unpack(format, buffer)`: the buffer must be exactly the format's size.
fn unpack(vm: &mut Vm, a: Args) -> R {
    let (layout, _) = layout(vm, a.get(0))?;
    let data = buffer(vm, a.get(1))?;
    if data.len() != layout.size {
        return Err(error(vm, format!("unpack requires a buffer of {} bytes", layout.size)));
    }
    Ok(Action::Return(unpack_values(vm, &layout, &data)))
}

fn offset_arg(vm: &mut Vm, a: &Args, i: usize) -> Result<usize, Value> {
    match a.arg(vm, i, "offset") {
        None => Ok(0),
        Some(v) => match vm.small_int(v) {
            Some(n) if n >= 0 => Ok(n as usize),
            Some(_) => Err(error(vm, "offset must be non-negative in ioplay's struct")),
            None => Err(vm.type_error("'offset' must be an integer")),
        },
    }
}

/// `unpack_from(format, buffer, offset=0)`.
fn unpack_from(vm: &mut Vm, a: Args) -> R {
    let (layout, _) = layout(vm, a.get(0))?;
    let data = buffer(vm, a.arg(vm, 1, "buffer"))?;
    let offset = offset_arg(vm, &a, 2)?;
    if data.len() < offset + layout.size {
        return Err(error(
            vm,
            format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {} \
                 (actual buffer size is {})",
                offset + layout.size,
                layout.size,
                offset,
                data.len()
            ),
        ));
    }
    Ok(Action::Return(unpack_values(vm, &layout, &data[offset..offset + layout.size])))
}

/// `pack_into(format, buffer, offset, v1, ...)`: writes into a bytearray.
fn pack_into(vm: &mut Vm, a: Args) -> R {
    let (layout, _) = layout(vm, a.get(0))?;
    let target = a.get(1);
    let offset = offset_arg(vm, &a, 2)?;
    let packed = pack_values(vm, &layout, a.pos.get(3..).unwrap_or(&[]))?;
    let Some(Value::Obj(id)) = target else {
        return Err(vm.type_error("argument must be read-write bytes-like object"));
    };
    let len = match vm.heap.get(id) {
        Obj::ByteArray(b) => b.len(),
        _ => return Err(vm.type_error("argument must be read-write bytes-like object")),
    };
    if len < offset + layout.size {
        return Err(error(
            vm,
            format!(
                "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {} \
                 (actual buffer size is {len})",
                offset + layout.size,
                layout.size,
                offset
            ),
        ));
    }
    if let Obj::ByteArray(b) = vm.heap.get_mut(id) {
        b[offset..offset + layout.size].copy_from_slice(&packed);
    }
    Ok(Action::Return(Value::None))
}

/// `iter_unpack(format, buffer)`: an iterator over the buffer's records (a list iterator here).
fn iter_unpack(vm: &mut Vm, a: Args) -> R {
    let (layout, _) = layout(vm, a.get(0))?;
    let data = buffer(vm, a.get(1))?;
    if layout.size == 0 {
        return Err(error(vm, "cannot iteratively unpack with a struct of length 0"));
    }
    if data.len() % layout.size != 0 {
        let size = layout.size;
        return Err(error(
            vm,
            format!("iterative unpacking requires a buffer of a multiple of {size} bytes"),
        ));
    }
    let records: Vec<Value> = data.chunks(layout.size).map(|c| unpack_values(vm, &layout, c)).collect();
    let list = vm.new_list(records);
    let iter = vm.builtin_value("iter");
    Ok(Action::Call { func: iter, args: Args::one(list) })
}

fn calcsize(vm: &mut Vm, a: Args) -> R {
    let (layout, _) = layout(vm, a.get(0))?;
    Ok(Action::Return(Value::Int(layout.size as i64)))
}

/// `Struct(format)`: keeps the format; `size` and `format` are attributes.
fn struct_init(vm: &mut Vm, a: Args) -> R {
    let Some(Value::Obj(me)) = a.get(0) else { unreachable!("__init__ gets self") };
    let (layout, text) = layout(vm, a.get(1))?;
    let format = vm.new_str(&text);
    let (fsym, ssym) = (vm.names.intern("format"), vm.names.intern("size"));
    if let Obj::Instance(i) = vm.heap.get_mut(me) {
        set(i, fsym, format);
        set(i, ssym, Value::Int(layout.size as i64));
    }
    Ok(Action::Return(Value::None))
}

fn set(i: &mut Instance, sym: crate::py::value::Sym, v: Value) {
    i.attrs.set(sym, v);
}

fn bytes_value(vm: &mut Vm, data: Vec<u8>) -> Value {
    Value::Obj(vm.heap.alloc(Obj::Bytes(data)))
}

/// `Struct.pack(...)` and the others: the module's function with the Struct's `format` put first.
macro_rules! struct_methods {
    ($(($name:literal, $native:ident, $function:ident),)*) => {
        $(fn $native(vm: &mut Vm, a: Args) -> R {
            let args = with_format(vm, a)?;
            $function(vm, args)
        })*
        const STRUCT_METHODS: &[(&str, crate::py::vm::NativeFn)] = &[$(($name, $native),)*];
    };
}

struct_methods![
    ("Struct.pack", struct_pack, pack),
    ("Struct.unpack", struct_unpack, unpack),
    ("Struct.unpack_from", struct_unpack_from, unpack_from),
    ("Struct.pack_into", struct_pack_into, pack_into),
    ("Struct.iter_unpack", struct_iter_unpack, iter_unpack),
];

fn with_format(vm: &mut Vm, mut a: Args) -> Result<Args, Value> {
    let me = a.get(0).expect("a method gets self");
    let sym = vm.names.intern("format");
    let format = vm.get_attr_value(me, sym)?;
    a.pos[0] = format;
    Ok(a)
}
