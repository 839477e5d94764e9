//! `random` without `seed()` draws from the world: the same world seed prints the same numbers, another
//! seed or another process different ones, and a checkpoint (a clone of the world) replays the generator.

use ioplay::kernel::WorldConfig;
use ioplay::sim::python::Python;
use ioplay::sim::{ProcessSpec, World};

const PROGRAM: &str = "\
import random, time
print(random.random(), random.getrandbits(64))
time.sleep(1)
print(random.randrange(10**9), random.Random().random())
";

fn world(seed: u64, processes: usize) -> World {
    let cfg = WorldConfig { seed, ..WorldConfig::single_host() };
    let mut world = World::new(cfg, 10_000_000_000);
    for i in 0..processes {
        let program = Python::load(PROGRAM, "r.py", vec!["r.py".into()]);
        world.add_process(ProcessSpec::new(&format!("p{i}"), program));
    }
    world
}

/// Each process's stdout, in process order.
fn stdouts(mut world: World, processes: usize) -> Vec<String> {
    world.run();
    let mut out = vec![String::new(); processes];
    for o in world.take_output() {
        assert_eq!(o.stream, 1, "stderr: {}", String::from_utf8_lossy(&o.bytes));
        let i: usize = o.name[1..].parse().expect("named p<i>");
        out[i].push_str(&String::from_utf8_lossy(&o.bytes));
    }
    out
}

#[test]
fn the_same_world_seed_gives_the_same_unseeded_numbers() {
    let first = stdouts(world(7, 1), 1);
    assert_eq!(first[0].lines().count(), 2, "{first:?}");
    assert_eq!(first, stdouts(world(7, 1), 1));
}

#[test]
fn another_world_seed_gives_other_numbers() {
    assert_ne!(stdouts(world(7, 1), 1), stdouts(world(8, 1), 1));
}

#[test]
fn two_processes_of_one_world_draw_differently() {
    let out = stdouts(world(7, 2), 2);
    assert_ne!(out[0], out[1]);
}

#[test]
fn a_checkpoint_replays_the_generator() {
    let mut original = world(3, 1);
    // Run until the first line is out (the program sleeps after drawing it), then checkpoint.
    let mut before = String::new();
    while !before.ends_with('\n') {
        original.step();
        for o in original.take_output() {
            before.push_str(&String::from_utf8_lossy(&o.bytes));
        }
    }
    let checkpoint = original.clone();
    let rest = |w: World| stdouts(w, 1).remove(0);
    let from_original = rest(original);
    assert_eq!(from_original.lines().count(), 1, "{from_original:?}");
    assert_eq!(from_original, rest(checkpoint));
    assert_eq!(format!("{before}{from_original}"), stdouts(world(3, 1), 1)[0]);
}
