//! The listening side of `serve`: its own accept loop (axum 0.8's `serve` has no header
//! timeout) with a cap on open connections, and the Host check that keeps a web page
//! from reading the preview through DNS rebinding.

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, Response, StatusCode, header};
use axum::middleware::Next;
use axum::response::IntoResponse;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

pub struct Limits {
    /// How long a connection may take to send a request's headers: from when it opens,
    /// and on a kept-alive connection from the end of the last response (so it is also
    /// the idle timeout). A response being streamed (server-sent events) is not idle.
    pub header_timeout: Duration,
    /// Connections open at once; the next one is accepted when one closes (until then
    /// it waits in the kernel's queue and costs no file descriptor here).
    pub max_connections: usize,
}

/// Serve `app` on `listener` until Ctrl-C.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let stop = tokio::signal::ctrl_c();
    tokio::pin!(stop);
    loop {
        let permit = tokio::select! {
            _ = &mut stop => return,
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => return,
            },
        };
        let stream = tokio::select! {
            _ = &mut stop => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file descriptors, or a connection reset before it was
                    // taken: try again shortly rather than spin.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let timeout = limits.header_timeout;
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new()).header_read_timeout(timeout);
            // A client that went away or timed out is not an error worth reporting.
            let _ = http.serve_connection(TokioIo::new(stream), service).await;
            drop(permit);
        });
    }
}

/// The Host headers answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hosts {
    /// Bound to a loopback address: `localhost`, `127.0.0.1`, `[::1]` and the bound
    /// address, with any port.
    Local(IpAddr),
    /// Bound to an address other machines reach: any Host, since which name they use
    /// (an IP, a machine name) cannot be known.
    Any,
}

impl Hosts {
    pub fn for_bound(ip: IpAddr) -> Hosts {
        if ip.is_loopback() {
            Hosts::Local(ip)
        } else {
            Hosts::Any
        }
    }

    /// Whether a Host header (`localhost:3000`, `[::1]`) is answered.
    pub fn allows(&self, host: &str) -> bool {
        let Hosts::Local(bound) = self else {
            return true;
        };
        let host = host.to_ascii_lowercase();
        let (name, port) = match host.strip_prefix('[') {
            Some(v6) => match v6.split_once(']') {
                Some((name, port)) => (name, port),
                None => return false,
            },
            None => host.split_at(host.find(':').unwrap_or(host.len())),
        };
        let port_ok = port.is_empty()
            || port
                .strip_prefix(':')
                .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !port_ok {
            return false;
        }
        if name == "localhost" {
            return true;
        }
        name.parse::<IpAddr>().is_ok_and(|ip| {
            ip == *bound
                || ip == IpAddr::from([127, 0, 0, 1])
                || ip == IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1])
        }) && (host.starts_with('[') == name.contains(':'))
    }
}

pub const REFUSED: &str = "gtmbook serve answers only to localhost, 127.0.0.1 and [::1]. \
To preview from another machine, start it with --host 0.0.0.0.\n";

/// Refuse a request whose Host (and absolute address, if any) is not answered: 421.
pub async fn check_host(
    State(hosts): State<Arc<Hosts>>,
    req: Request<Body>,
    next: Next,
) -> Response<Body> {
    let header = req.headers().get(header::HOST).map(|v| v.to_str().ok());
    let authority = req.uri().authority().map(|a| Some(a.as_str()));
    let named: Vec<Option<&str>> = header.into_iter().chain(authority).collect();
    let ok = !named.is_empty() && named.iter().all(|h| h.is_some_and(|h| hosts.allows(h)));
    if ok {
        return next.run(req).await;
    }
    (
        StatusCode::MISDIRECTED_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        REFUSED,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_answers_local_names_only() {
        let hosts = Hosts::for_bound(IpAddr::from([127, 0, 0, 1]));
        for ok in [
            "localhost",
            "LOCALHOST:3000",
            "127.0.0.1",
            "127.0.0.1:41234",
            "[::1]",
            "[::1]:3000",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:3000",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "192.168.1.20:3000",
            "::1",
            "[127.0.0.1]",
            "localhost:",
            "localhost:x",
            "[::1]x",
            "",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
        let other = Hosts::for_bound(IpAddr::from([127, 0, 0, 2]));
        assert!(other.allows("127.0.0.2:3000"));
        assert!(!hosts.allows("127.0.0.2:3000"));
    }

    #[test]
    fn an_open_address_answers_any_host() {
        assert_eq!(Hosts::for_bound(IpAddr::from([0, 0, 0, 0])), Hosts::Any);
        assert!(Hosts::Any.allows("my-laptop.local:3000"));
    }
}
