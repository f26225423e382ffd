fn main() {
    strata::start();
}
