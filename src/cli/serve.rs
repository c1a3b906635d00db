//! `wenlint serve`: starts the page on this machine and says where it is.

use std::io::{self, IsTerminal, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use super::{config_here, lang, report_and_fail, ConfigArg};
use crate::lang::Lang;
use crate::serve::{self, Guard, Limits, Options};

#[derive(clap::Args)]
pub(super) struct ServeArgs {
    /// The port to listen on (0: any free port; the address is printed).
    #[arg(long, default_value_t = 7878)]
    port: u16,

    /// The address to listen on. Anything but the loopback address (127.0.0.1, ::1) lets
    /// other machines send documents to this one: a warning is printed.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    host: IpAddr,

    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,

    /// The largest upload, in megabytes.
    #[arg(long, value_name = "MB", default_value_t = 32)]
    max_body: usize,

    /// Seconds a request may wait and be checked before it is answered with an error.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    timeout: u64,

    /// Documents checked at the same time (default: the number of cores).
    #[arg(long)]
    jobs: Option<usize>,

    #[command(flatten)]
    config: ConfigArg,
}

pub(super) fn serve(args: ServeArgs) -> io::Result<ExitCode> {
    // A config that is wrong is said now, not at the first request.
    if let Err(e) = config_here(&args.config) {
        return report_and_fail(&e);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(args))
}

async fn run(args: ServeArgs) -> io::Result<ExitCode> {
    let lang = lang();
    let asked = SocketAddr::new(args.host, args.port);
    let listener = match tokio::net::TcpListener::bind(asked).await {
        Ok(listener) => listener,
        Err(e) => {
            let hint = lang.pick(
                "（端口已被占用？用 --port 换一个，或 --port 0 任选一个空闲的）",
                " (is the port taken? choose another with --port, or --port 0 for any free one)",
            );
            eprintln!(
                "{}{asked}: {e}{hint}",
                lang.pick("错误：无法监听 ", "error: cannot listen on ")
            );
            return Ok(ExitCode::from(2));
        }
    };
    let bound = listener.local_addr()?;
    let guard = if args.host.is_loopback() {
        Guard::loopback(bound.port(), lang)
    } else {
        warn_exposed(bound, lang);
        Guard::any_host(lang)
    };
    let options = Options {
        limits: limits(&args),
        lang,
        config: args.config.config.clone(),
        root: std::env::current_dir()?,
    };
    let url = page_url(bound);
    // A launcher may close standard output once it has read the address: serve on.
    let _ = announce(&url, lang);
    if args.open {
        if let Err(e) = webbrowser::open(&url) {
            eprintln!(
                "{}{e}",
                lang.pick("无法打开浏览器：", "cannot open a browser: ")
            );
        }
    }
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    serve::serve(listener, serve::router(options, guard), shutdown).await?;
    Ok(ExitCode::SUCCESS)
}

fn limits(args: &ServeArgs) -> Limits {
    let default = Limits::default();
    Limits {
        max_body: args.max_body.saturating_mul(1024 * 1024),
        timeout: Duration::from_secs(args.timeout.max(1)),
        jobs: args.jobs.unwrap_or(default.jobs).max(1),
    }
}

/// The address to open in a browser here: on a wildcard address, the loopback one.
fn page_url(bound: SocketAddr) -> String {
    let host = match bound.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        ip if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(host, bound.port()))
}

/// The first line on standard output is the address (programs that start the server read
/// it, with `--port 0` above all).
fn announce(url: &str, lang: Lang) -> io::Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "{url}")?;
    writeln!(
        out,
        "{}",
        lang.pick(
            "wenlint 的检查页面已启动：在浏览器中打开上面的地址。文件只在本机检查，不发往任何地方。按 Ctrl+C 停止。",
            "wenlint's page is up: open the address above in a browser. Documents are checked on this machine and sent nowhere. Ctrl+C stops it.",
        )
    )?;
    out.flush()
}

fn warn_exposed(bound: SocketAddr, lang: Lang) {
    let color = io::stderr().is_terminal();
    let (start, end) = if color {
        ("\x1b[33m", "\x1b[0m")
    } else {
        ("", "")
    };
    eprintln!(
        "{start}{}{end}",
        lang.pick(
            &format!("警告：在 {bound} 上监听，本机以外的机器也能把文件发来检查，文件会经过网络。只在可信的网络中这样做。"),
            &format!("warning: listening on {bound}: other machines can send documents here, over the network. Do this on a trusted network only."),
        )
    );
}
