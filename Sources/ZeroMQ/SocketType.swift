import CZeroMQ

/// The libzmq socket patterns this wrapper supports; each case maps to the `ZMQ_*` constant
/// of the same name.
///
/// Guarantees: the mapping is fixed (`router` is `ZMQ_ROUTER`, and so on) and the description is
/// the libzmq name in upper case (`"ROUTER"`), as used in error messages.
public enum SocketType: Sendable, Hashable, CaseIterable, CustomStringConvertible {
  case router, dealer, req, rep, push, pull, pair, pub, sub
  /// Raw TCP (`ZMQ_STREAM`): frames are [peer identity, bytes]; used to serve HTTP.
  case stream

  /// The `ZMQ_*` socket type constant passed to `zmq_socket`.
  var zmqValue: Int32 {
    switch self {
    case .router: ZMQ_ROUTER
    case .dealer: ZMQ_DEALER
    case .req: ZMQ_REQ
    case .rep: ZMQ_REP
    case .push: ZMQ_PUSH
    case .pull: ZMQ_PULL
    case .pair: ZMQ_PAIR
    case .pub: ZMQ_PUB
    case .sub: ZMQ_SUB
    case .stream: ZMQ_STREAM
    }
  }

  public var description: String {
    switch self {
    case .router: "ROUTER"
    case .dealer: "DEALER"
    case .req: "REQ"
    case .rep: "REP"
    case .push: "PUSH"
    case .pull: "PULL"
    case .pair: "PAIR"
    case .pub: "PUB"
    case .sub: "SUB"
    case .stream: "STREAM"
    }
  }
}
