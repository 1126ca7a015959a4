//! Integration tests of the sandbox over real HTTP on 127.0.0.1: flows, reply shapes, faults,
//! restarts.

mod faults;
mod flows;
mod restart;
mod shapes;
mod support;
