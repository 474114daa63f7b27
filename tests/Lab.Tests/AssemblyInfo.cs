// One lab VM at a time: the machine has 2 cores and QEMU runs without KVM.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
