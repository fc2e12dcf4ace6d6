//! Windows that float over the main one (statistics, the guide, About): built with a known id, so
//! their title bar, which egui gives no accessible name, can be named after the window.

/// The window titled `title`, with an id of its own.
pub fn tool_window(title: &'static str) -> egui::Window<'static> {
    egui::Window::new(title).id(window_id(title))
}

/// Names the title bar of the [`tool_window`] titled `title` for screen readers; call after showing
/// it. egui's title bar is a widget (double-click collapses it, dragging moves the window) without a
/// name of its own.
pub fn name_title_bar(ctx: &egui::Context, title: &'static str) {
    // egui's id for the title bar's click-and-drag area; the accessibility walk test notices if it
    // changes.
    let bar = window_id(title).with("__title_click");
    if ctx.has_accesskit_node(bar) {
        ctx.accesskit_node_builder(bar, |node| {
            node.set_role(egui::accesskit::Role::TitleBar);
            node.set_label(title);
        });
    }
}

fn window_id(title: &str) -> egui::Id {
    egui::Id::unique(("factdesk-window", title))
}
