-- classic typo: calling an undefined global
print("calling")
undefined_function_name(1, 2)
