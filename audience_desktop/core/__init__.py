"""The domain and everything that talks to the outside world. No Qt in here, ever."""
