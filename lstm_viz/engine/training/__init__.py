"""Training: tasks, the read-out and losses, optimisers, the trainer and saving its result."""
