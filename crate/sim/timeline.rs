//! A world with its history: the trace so far, checkpoints every [`CHECKPOINT_EVERY`] steps, and the
//! input fed live, so [`Timeline::seek`] can go to any step in either direction.
//!
//! Going back restores the nearest checkpoint at or before the target and replays to it; the world is
//! deterministic, so the replay is the same run. Input typed live is recorded with the step it arrived
//! at and fed again at that step on replay; typing after going back forgets the future that followed.

use super::world::{Tick, World};
use crate::trace::Event;

/// Steps between two checkpoints: a seek replays at most this many.
pub const CHECKPOINT_EVERY: u64 = 256;

/// Input that arrived while the world ran (the UI's input box); it is fed just before step `at_step + 1`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Input {
    /// It was fed before this step ran.
    at_step: u64,
    process: usize,
    bytes: Vec<u8>,
    eof: bool,
}

/// A world, its trace, and the means to move through it.
#[derive(Debug)]
pub struct Timeline {
    world: World,
    /// `checkpoints[i]` is the world after `i * CHECKPOINT_EVERY` steps.
    checkpoints: Vec<World>,
    /// Every event of the furthest run so far.
    events: Vec<Event>,
    /// `events_after[s]` is how many events exist once `s` steps are taken (`events_after[0]` is those of
    /// the world's construction).
    events_after: Vec<usize>,
    inputs: Vec<Input>,
}

impl Timeline {
    /// Take over a freshly built world (no step taken yet).
    pub fn new(mut world: World) -> Timeline {
        let events = world.drain_events();
        let start = world.clone();
        Timeline {
            events_after: vec![events.len()],
            events,
            checkpoints: vec![start],
            world,
            inputs: Vec::new(),
        }
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    /// The step the world is at.
    pub fn position(&self) -> u64 {
        self.world.steps()
    }

    /// The furthest step reached so far.
    pub fn furthest(&self) -> u64 {
        self.events_after.len() as u64 - 1
    }

    /// The trace up to the current step.
    pub fn events(&self) -> &[Event] {
        &self.events[..self.events_after[self.position() as usize]]
    }

    /// The first step after which event `seq` exists (to seek by event).
    pub fn step_of_event(&self, seq: usize) -> Option<u64> {
        let s = self.events_after.partition_point(|&n| n <= seq);
        (s < self.events_after.len()).then_some(s as u64)
    }

    /// Take one step; returns what it did. Steps already taken before (after a seek back) are replayed.
    pub fn step(&mut self) -> Tick {
        let at = self.position();
        for input in self.inputs.iter().filter(|i| i.at_step == at) {
            feed(&mut self.world, input);
        }
        let tick = self.world.step();
        let events = self.world.drain_events();
        let now = self.position();
        if now > self.furthest() {
            self.events.extend(events);
            self.events_after.push(self.events.len());
            if now.is_multiple_of(CHECKPOINT_EVERY) {
                self.checkpoints.push(self.world.clone());
            }
        }
        tick
    }

    /// Go to step `n` (forward by running, back by a checkpoint and a replay). Stops early if the run
    /// ends before `n`.
    pub fn seek(&mut self, n: u64) {
        if n < self.position() {
            let k = ((n / CHECKPOINT_EVERY) as usize).min(self.checkpoints.len() - 1);
            self.world = self.checkpoints[k].clone();
        }
        while self.position() < n {
            let before = self.position();
            self.step();
            if self.position() == before {
                break; // the run is over: an ended world takes no more steps
            }
        }
    }

    /// Feed a process's stdin before the next step (and before the same step on every replay). If the
    /// world is at an earlier step than the furthest, the recorded future is forgotten: it may differ now.
    pub fn feed_stdin(&mut self, process: usize, bytes: &[u8], eof: bool) {
        self.truncate_future();
        self.inputs.push(Input { at_step: self.position(), process, bytes: bytes.to_vec(), eof });
    }

    fn truncate_future(&mut self) {
        let at = self.position();
        if at < self.furthest() {
            self.events_after.truncate(at as usize + 1);
            self.events.truncate(self.events_after[at as usize]);
            self.checkpoints.truncate((at / CHECKPOINT_EVERY) as usize + 1);
            self.inputs.retain(|i| i.at_step < at);
        }
    }
}

fn feed(world: &mut World, input: &Input) {
    if !input.bytes.is_empty() {
        world.feed_stdin(input.process, &input.bytes);
    }
    if input.eof {
        world.close_stdin(input.process);
    }
}
