"""The Pouch engine: containers, exec, images, volumes, networks, events, system.

Nothing in this package knows about HTTP; server/ translates requests into calls on
:class:`runtime.engine.Engine` and engine errors into status codes.
"""
