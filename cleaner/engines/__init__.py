"""How documents flow through a pipeline: in this process, or in a pool of worker processes.

Every engine runs a *task*, a module-level function ``task(state, item)``,
over items; ``state`` (a pipeline and its settings) is sent to each worker once.
"""
