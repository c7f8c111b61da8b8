use crate::Promise;
use alloc::collections::VecDeque;
use alloc::rc::Rc;
use core::cell::{Cell, RefCell};
use core::panic::AssertUnwindSafe;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsError;

#[wasm_bindgen]
extern "C" {
    // `then` on the queue's resolved promise, without handing the derived promise back
    // to Rust: it is never used, and returning it would cost a heap slot per tick.
    #[wasm_bindgen(method, js_name = then)]
    fn schedule_then(this: &Promise, closure: &Closure<dyn FnMut(JsValue) -> Result<(), JsError>>);
}

struct QueueState {
    // The queue of Tasks which are to be run in order. In practice this is all the
    // synchronous work of futures, and each `Task` represents calling `poll` on
    // a future "at the right time".
    tasks: RefCell<VecDeque<Rc<crate::futures::task::Task>>>,

    // This flag indicates whether we've scheduled `run_all` to run in the future.
    // This is used to ensure that it's only scheduled once.
    is_scheduled: Cell<bool>,
}

impl QueueState {
    fn run_all(&self) {
        // "consume" the schedule
        let _was_scheduled = self.is_scheduled.replace(false);
        debug_assert!(_was_scheduled);

        // Stop when all tasks that have been scheduled before this tick have been run.
        // Tasks that are scheduled while running tasks will run on the next tick.
        let mut task_count_left = self.tasks.borrow().len();
        while task_count_left > 0 {
            task_count_left -= 1;
            let task = match self.tasks.borrow_mut().pop_front() {
                Some(task) => task,
                None => break,
            };
            task.run();
        }

        // All of the Tasks have been run, so it's now possible to schedule the
        // next tick again
    }
}

pub(crate) struct Queue {
    state: Rc<QueueState>,
    promise: Promise,
    closure: Closure<dyn FnMut(JsValue) -> Result<(), JsError>>,
}

impl Queue {
    // Schedule a task to run on the next tick
    pub(crate) fn schedule_task(&self, task: Rc<crate::futures::task::Task>) {
        self.state.tasks.borrow_mut().push_back(task);
        // A reaction on an already resolved promise runs on the next microtask, like
        // `queueMicrotask`, but stays inside the engine: hosts that implement
        // `queueMicrotask` natively may wrap every callback (workerd wraps it in its
        // async-context frame, a new function per call), which is young garbage on
        // every wake-up. The one difference: should `run_all` throw (a panic under
        // `panic = "abort"`), the runtime reports an unhandled rejection rather than an
        // uncaught exception.
        if !self.state.is_scheduled.replace(true) {
            self.promise.schedule_then(&self.closure);
        }
    }
    // Append a task to the currently running queue, or schedule it
    #[cfg(not(target_feature = "atomics"))]
    pub(crate) fn push_task(&self, task: Rc<crate::futures::task::Task>) {
        // It would make sense to run this task on the same tick.  For now, we
        // make the simplifying choice of always scheduling tasks for a future tick.
        self.schedule_task(task)
    }
}

impl Queue {
    fn new() -> Self {
        let state = Rc::new(QueueState {
            is_scheduled: Cell::new(false),
            tasks: RefCell::new(VecDeque::new()),
        });

        Self {
            promise: Promise::resolve(&JsValue::undefined()),

            closure: {
                let state = AssertUnwindSafe(Rc::clone(&state));

                // This closure will only be called on the next microtask event
                // tick
                Closure::new(move |_| {
                    state.run_all();
                    Ok(())
                })
            },

            state,
        }
    }

    pub(crate) fn with<R>(f: impl FnOnce(&Self) -> R) -> R {
        use wasm_bindgen::__rt::LazyCell;

        #[cfg_attr(target_feature = "atomics", thread_local)]
        static QUEUE: LazyCell<Queue> = LazyCell::new(Queue::new);

        f(&QUEUE)
    }
}
