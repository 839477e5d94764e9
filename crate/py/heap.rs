//! The arena every heap object lives in: a `Vec` of objects addressed by index, with a free list, an
//! estimate of the bytes live objects hold (the memory budget), and a mark-and-sweep collector the VM
//! runs between instructions.

use super::value::{Obj, ObjId, Value};

#[derive(Clone, Debug, Default)]
pub struct Heap {
    objs: Vec<Obj>,
    free: Vec<u32>,
    live: usize,
    /// Estimated bytes held by live objects: exact after a collection, plus what was allocated since.
    bytes: usize,
    /// Allocations since the last collection (the VM collects when this passes its threshold).
    pub since_gc: usize,
    /// Estimated bytes allocated since the last collection: a program that builds big strings makes
    /// few objects, so the count alone would let memory run away between collections.
    pub bytes_since_gc: usize,
    /// `...`: one object, made on first use (the builtins module keeps it alive).
    ellipsis: Option<ObjId>,
    /// The collector's mark per slot and its list of values to visit: kept between collections, so
    /// a collection allocates nothing (big frees also make the allocator consolidate); empty outside
    /// one, so a checkpoint's clone copies nothing.
    marks: Vec<bool>,
    work: Vec<Value>,
}

impl Heap {
    pub fn alloc(&mut self, o: Obj) -> ObjId {
        let size = footprint(&o);
        self.live += 1;
        self.since_gc += 1;
        self.bytes += size;
        self.bytes_since_gc += size;
        match self.free.pop() {
            Some(i) => {
                self.objs[i as usize] = o;
                ObjId(i)
            }
            None => {
                self.objs.push(o);
                ObjId(self.objs.len() as u32 - 1)
            }
        }
    }

    /// The `Ellipsis` singleton: the literal `...` and the builtin name are the same object.
    pub fn ellipsis(&mut self) -> ObjId {
        match self.ellipsis {
            Some(id) => id,
            None => {
                let id = self.alloc(Obj::Ellipsis);
                self.ellipsis = Some(id);
                id
            }
        }
    }

    #[inline]
    pub fn get(&self, id: ObjId) -> &Obj {
        &self.objs[id.0 as usize]
    }

    #[inline]
    pub fn get_mut(&mut self, id: ObjId) -> &mut Obj {
        &mut self.objs[id.0 as usize]
    }

    pub fn live(&self) -> usize {
        self.live
    }

    /// Estimated bytes held by live objects (see [`footprint`]).
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Frees every object not reachable from `roots`. `children` lists the values an object holds.
    pub fn collect(&mut self, roots: &[Value]) {
        self.mark(roots);
        self.sweep();
    }

    /// Like [`Heap::collect`], but the unreachable objects `finalizable` picks (suspended generators
    /// whose `close()` runs Python code) are kept, with all they refer to, and returned in heap order:
    /// the VM finalizes them, and a later collection frees them.
    pub fn collect_keeping(&mut self, roots: &[Value], finalizable: impl Fn(&Obj) -> bool) -> Vec<ObjId> {
        self.mark(roots);
        let kept: Vec<ObjId> = (0..self.objs.len())
            .filter(|&i| !self.marks[i] && finalizable(&self.objs[i]))
            .map(|i| ObjId(i as u32))
            .collect();
        let kept_values: Vec<Value> = kept.iter().map(|&id| Value::Obj(id)).collect();
        self.mark(&kept_values);
        self.sweep();
        kept
    }

    /// Every object id, for scans in heap order (finalization at exit).
    pub fn ids(&self) -> impl Iterator<Item = ObjId> + '_ {
        (0..self.objs.len()).filter(|&i| !matches!(self.objs[i], Obj::Free)).map(|i| ObjId(i as u32))
    }

    /// Marks everything reachable from `roots` (adding to the marks already made, if any).
    fn mark(&mut self, roots: &[Value]) {
        self.marks.resize(self.objs.len(), false);
        // The values still to visit: an object's children go straight onto it.
        let work = &mut self.work;
        work.extend_from_slice(roots);
        while let Some(v) = work.pop() {
            let Value::Obj(id) = v else { continue };
            let m = &mut self.marks[id.0 as usize];
            if *m {
                continue;
            }
            *m = true;
            children(&self.objs[id.0 as usize], work);
        }
    }

    /// Frees every unmarked object; counts the bytes of the others afresh (containers grow in place).
    fn sweep(&mut self) {
        // Sweep from the top down and list every free slot again, so the free list is in descending
        // order (allocation pops the lowest slot): ids stay small and allocation deterministic.
        // (Between instructions, when the VM collects, every `Free` slot is unused.)
        let mut bytes = 0;
        self.free.clear();
        for i in (0..self.objs.len()).rev() {
            if self.marks[i] {
                bytes += footprint(&self.objs[i]);
                continue;
            }
            if !matches!(self.objs[i], Obj::Free) {
                self.objs[i] = Obj::Free;
                self.live -= 1;
            }
            self.free.push(i as u32);
        }
        self.marks.clear();
        self.bytes = bytes;
        self.bytes_since_gc = 0;
        self.since_gc = 0;
    }
}

/// About how many bytes `o` holds: its slot plus what it owns outside it (string and bytes data, the
/// items of a sequence, a dict's table). Shared `Rc` data counts once per holder: an upper bound.
pub fn footprint(o: &Obj) -> usize {
    let own = match o {
        // Inline text lives in the slot itself: only shared text adds bytes.
        Obj::Str(s) => s.heap_bytes(),
        Obj::Bytes(b) | Obj::ByteArray(b) => b.capacity(),
        Obj::BigInt(n) => n.bits() as usize / 8,
        Obj::Tuple(v) | Obj::List(v) => v.capacity() * std::mem::size_of::<Value>(),
        Obj::Dict(d) | Obj::Set(d) | Obj::FrozenSet(d) => d.footprint(),
        _ => 0,
    };
    std::mem::size_of::<Obj>() + own
}

/// The values an object refers to (for marking).
pub fn children(o: &Obj, out: &mut Vec<Value>) {
    use super::value::IterState as I;
    match o {
        Obj::Str(_) | Obj::Bytes(_) | Obj::ByteArray(_) | Obj::BigInt(_) | Obj::Range { .. } => {}
        Obj::NotImplemented | Obj::Ellipsis | Obj::Free | Obj::Native(_) => {}
        Obj::Tuple(v) | Obj::List(v) => out.extend_from_slice(v),
        Obj::Dict(d) | Obj::Set(d) | Obj::FrozenSet(d) => {
            for e in d.iter() {
                out.push(e.key);
                out.push(e.value);
            }
        }
        Obj::Slice { start, stop, step } => out.extend([*start, *stop, *step]),
        Obj::Function(f) => {
            out.push(Value::Obj(f.globals));
            out.extend_from_slice(&f.defaults);
            out.extend(f.kwdefaults.iter().map(|k| k.1));
            out.extend(f.closure.iter().map(|c| Value::Obj(*c)));
            out.extend(f.attrs.iter().map(|a| a.1));
            code_consts(&f.code, out);
        }
        Obj::Code(c) => code_consts(c, out),
        Obj::DictView { dict, .. } | Obj::MappingProxy(dict) => out.push(Value::Obj(*dict)),
        Obj::NativeMethod { recv, .. } => out.push(*recv),
        Obj::Method { recv, func } => out.extend([*recv, *func]),
        Obj::Class(c) => {
            out.extend(c.bases.iter().map(|b| Value::Obj(*b)));
            out.extend(c.mro.iter().map(|b| Value::Obj(*b)));
            out.extend(c.attrs.iter().map(|a| a.1));
        }
        Obj::Instance(i) => {
            out.push(Value::Obj(i.class));
            out.push(i.base);
            out.extend(i.dict.map(Value::Obj));
            out.extend(i.attrs.iter().map(|a| a.1));
            if let Some(e) = &i.exc {
                out.extend_from_slice(&e.args);
                out.extend(e.cause.iter().chain(e.context.iter()).copied());
                for (c, _) in &e.traceback {
                    code_consts(c, out);
                }
            }
        }
        Obj::Module { attrs, .. } => out.extend(attrs.iter().map(|a| a.1)),
        Obj::Cell(v) | Obj::StaticMethod(v) | Obj::ClassMethod(v) => out.push(*v),
        Obj::Property { get, set, del } => out.extend([*get, *set, *del]),
        Obj::Super { class, recv } => out.extend([Value::Obj(*class), *recv]),
        Obj::Iter(it) => match it {
            I::Seq { seq, .. } | I::Reversed { seq, .. } => out.push(*seq),
            I::DictKeys { dict, .. } | I::DictValues { dict, .. } | I::DictItems { dict, .. } => {
                out.push(Value::Obj(*dict))
            }
            I::Str { s, .. } => out.push(Value::Obj(*s)),
            I::Enumerate { inner, .. } => out.push(*inner),
            I::Zip { inners } => out.extend_from_slice(inners),
            I::Map { func, inners } => {
                out.push(*func);
                out.extend_from_slice(inners)
            }
            I::Filter { func, inner } => out.extend([*func, *inner]),
            I::GetItem { obj, .. } => out.push(*obj),
            I::Callable { func, sentinel } => out.extend([*func, *sentinel]),
            I::Range { .. } | I::Exhausted => {}
        },
        Obj::Generator(g) => g.trace(out),
        Obj::Greenlet(g) => g.trace(out),
    }
}

pub fn code_consts(c: &super::bytecode::Code, out: &mut Vec<Value>) {
    out.extend_from_slice(&c.consts);
}
