//! Workflows of several upstream steps that must survive a retry, a double click or
//! another isolate: each runs inside a shared-state Durable Object and saves its
//! progress there. A flow calls upstream through [`super::calls`] only; its route and
//! the Durable Object both call the flow.

pub mod link_bank;
