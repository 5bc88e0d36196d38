//! The macroblock view (issue 6): every user tenant's macroblocks on a canvas, coloured by their
//! state relative to the backup sets (`obsim::blockmap`), with copied blocks travelling into the
//! running set. `draw` is the browser-free part (tested natively); `view` the component.

pub mod draw;
#[cfg(target_arch = "wasm32")]
mod view;

#[cfg(target_arch = "wasm32")]
pub use view::BlockView;
