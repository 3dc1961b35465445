//! Every route is registered through [`Routes`], which also keeps the list of (method, path):
//! the authorization matrix test walks that list, so a route added without a decision in the
//! matrix fails the test suite.

use axum::handler::Handler;
use axum::routing::{get, post, put};
use axum::Router;

use crate::WebState;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: String,
}

pub struct Routes {
    pub(crate) router: Router<WebState>,
    pub(crate) list: Vec<RouteInfo>,
}

impl Default for Routes {
    fn default() -> Self {
        Routes { router: Router::new(), list: Vec::new() }
    }
}

impl Routes {
    pub fn new() -> Self {
        Routes::default()
    }

    pub fn get<H, T>(mut self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, WebState>,
        T: 'static,
    {
        self.list.push(RouteInfo { method: "GET", path: path.to_string() });
        self.router = self.router.route(path, get(handler));
        self
    }

    pub fn post<H, T>(mut self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, WebState>,
        T: 'static,
    {
        self.list.push(RouteInfo { method: "POST", path: path.to_string() });
        self.router = self.router.route(path, post(handler));
        self
    }

    pub fn put<H, T>(mut self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, WebState>,
        T: 'static,
    {
        self.list.push(RouteInfo { method: "PUT", path: path.to_string() });
        self.router = self.router.route(path, put(handler));
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.list.extend(other.list);
        self.router = self.router.merge(other.router);
        self
    }

    /// Mounts `other` under `prefix` (its own fallback answers for unknown paths there).
    pub fn nest(mut self, prefix: &'static str, other: Routes) -> Self {
        self.list.extend(
            other
                .list
                .into_iter()
                .map(|r| RouteInfo { method: r.method, path: format!("{prefix}{}", r.path) }),
        );
        self.router = self.router.nest(prefix, other.router);
        self
    }

    /// Changes the router of these routes (a layer, a fallback) without changing the list.
    pub fn map_router(mut self, f: impl FnOnce(Router<WebState>) -> Router<WebState>) -> Self {
        self.router = f(self.router);
        self
    }
}
