//! Cold-start measurement: with `FACTDESK_TIME_FIRST_FRAME=1` in the environment the window reports,
//! on standard error, when its first frame was drawn and painted, and closes. packaging/cold-start
//! drives it under Xvfb (docs/PERFORMANCE.md, "Cold start").
//!
//! The first frame counts as painted when the next one begins: eframe paints and swaps a frame's
//! buffers after its last `ui` pass returns, and asks for the next frame's input (the hook this
//! watches, called once per frame, where `logic` may run once per pass) after that.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The environment variable that turns the measurement on.
pub const ENV_VAR: &str = "FACTDESK_TIME_FIRST_FRAME";

/// Whether this run measures its first frame.
pub fn requested() -> bool {
    std::env::var_os(ENV_VAR).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Wraps the window's app, passing everything through, and watches its first two frames.
pub struct FirstFrameTimer<A> {
    app: A,
    started: Instant,
    /// Frames begun so far, counted up to the second.
    frames_begun: u8,
    /// When the first frame's last `ui` pass returned.
    ui_done: Duration,
}

impl<A> FirstFrameTimer<A> {
    /// Times `app` from `started`, the moment the window began to open.
    pub fn new(app: A, started: Instant) -> Self {
        Self {
            app,
            started,
            frames_begun: 0,
            ui_done: Duration::ZERO,
        }
    }

    /// Called at the start of each frame: the second one means the first was painted.
    fn frame_begins(&mut self, ctx: &egui::Context) {
        if self.frames_begun >= 2 {
            return;
        }
        self.frames_begun += 1;
        if self.frames_begun < 2 {
            return;
        }
        let ui_done = self.ui_done;
        let painted = self.started.elapsed();
        let unix_ns = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        eprintln!(
            "factdesk: first frame drawn {:.1} ms and painted {:.1} ms after the window began to \
             open; painted at unix time {unix_ns} ns",
            ui_done.as_secs_f64() * 1000.0,
            painted.as_secs_f64() * 1000.0,
        );
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

impl<A: eframe::App> eframe::App for FirstFrameTimer<A> {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        self.app.logic(ctx, frame);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.app.ui(ui, frame);
        if self.frames_begun == 1 {
            self.ui_done = self.started.elapsed();
            // The frame that reports must come even if the first one asked for none.
            ui.ctx().request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.app.save(storage);
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        self.app.on_exit(gl);
    }

    fn auto_save_interval(&self) -> Duration {
        self.app.auto_save_interval()
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        self.app.clear_color(visuals)
    }

    fn persist_egui_memory(&self) -> bool {
        self.app.persist_egui_memory()
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        self.frame_begins(ctx);
        self.app.raw_input_hook(ctx, raw_input);
    }
}
